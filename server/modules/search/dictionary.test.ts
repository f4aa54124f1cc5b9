import { describe, expect, it } from 'vitest';
import { cleanDictionaryWord, dictionaryVersion, loadProjectDictionary, parseDictionary } from './dictionary.js';

describe('project dictionary', () => {
  const project = loadProjectDictionary();

  it('holds the district and tech-transfer vocabulary (at least 150 entries)', () => {
    const words = project.words.map((w) => w.word);
    expect(words.length).toBeGreaterThanOrEqual(150);
    for (const w of ['医用重离子加速器', '甜高粱', '机械治沙', '液体经济', '科技特派员', '创新券', '作价投资', '技术成熟度']) {
      expect(words).toContain(w);
    }
    expect(new Set(words).size).toBe(words.length);
  });

  it('has no word that is also a stop word', () => {
    expect(project.words.filter((w) => project.stopWords.has(w.word))).toEqual([]);
  });
});

describe('parseDictionary', () => {
  it('reads word, frequency and tag, skipping comments and malformed lines', () => {
    expect(parseDictionary('# c\n甜高粱 300 nz\n\nＬｏＲａ网关 20\n单\n')).toEqual([
      { word: '甜高粱', freq: 300, tag: 'nz' },
      { word: 'lora网关', freq: 20 },
    ]);
  });
});

describe('cleanDictionaryWord', () => {
  it('rejects words that cannot be one dictionary entry', () => {
    expect(cleanDictionaryWord('')).toBeNull();
    expect(cleanDictionaryWord('药')).toBeNull();
    expect(cleanDictionaryWord('两个 词')).toBeNull();
    expect(cleanDictionaryWord('长'.repeat(25))).toBeNull();
  });

  it('ignores a non-positive frequency and an odd tag', () => {
    expect(cleanDictionaryWord({ word: '黄羊镇', freq: -3, tag: 'N!' })).toEqual({ word: '黄羊镇' });
  });
});

describe('dictionaryVersion', () => {
  const project = loadProjectDictionary();

  it('changes with the extra words but not with their order', () => {
    const a = dictionaryVersion('2.0.3', project, [{ word: '黄羊镇' }, { word: '清源镇' }]);
    const b = dictionaryVersion('2.0.3', project, [{ word: '清源镇' }, { word: '黄羊镇' }]);
    expect(a).toBe(b);
    expect(dictionaryVersion('2.0.3', project, [])).not.toBe(a);
    expect(dictionaryVersion('2.0.4', project, [{ word: '黄羊镇' }, { word: '清源镇' }])).not.toBe(a);
  });
});
