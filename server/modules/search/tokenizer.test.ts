import { beforeAll, describe, expect, it } from 'vitest';
import { loadProjectDictionary } from './dictionary.js';
import { addWords, Segmenter, segmenter, setExtraWords } from './tokenizer.js';

let seg: Segmenter;
beforeAll(() => {
  seg = Segmenter.build();
});

describe('segmentation with the project dictionary', () => {
  it('keeps every dictionary term whole in precise mode', () => {
    const split = loadProjectDictionary()
      .words.map((w) => w.word)
      .filter((w) => seg.cut(w).join('|') !== w);
    expect(split).toEqual([]);
  });

  it('keeps 医用重离子加速器 whole and also indexes its parts', () => {
    expect(seg.cut('医用重离子加速器的研制')).toEqual(['医用重离子加速器', '的', '研制']);
    const tokens = seg.tokensForIndex('医用重离子加速器的研制');
    expect(tokens).toEqual(expect.arrayContaining(['医用重离子加速器', '重离子', '加速器', '医用', '研制']));
  });

  it('does not reduce 甜高粱 to 甜 / 高粱', () => {
    expect(seg.cut('甜高粱种植技术')).toEqual(['甜高粱', '种植', '技术']);
    expect(seg.tokensForIndex('甜高粱秸秆饲料化利用')).toEqual(expect.arrayContaining(['甜高粱', '高粱', '秸秆']));
    const tokens = seg.tokensForIndex('甜高粱茎秆榨汁');
    expect(tokens).toContain('甜高粱');
    expect(tokens).not.toContain('甜');
  });

  it('does not let short terms steal characters from their neighbours', () => {
    expect(seg.cut('其中试验数据表明')).toEqual(['其中', '试验', '数据', '表明']);
    expect(seg.cut('小试和中试阶段')).toEqual(['小试', '和', '中试', '阶段']);
  });
});

describe('tokensForIndex', () => {
  it('keeps English words, lower-cased, inside Chinese text', () => {
    const tokens = seg.tokensForIndex('基于LoRa的滴灌控制系统');
    expect(tokens).toEqual(expect.arrayContaining(['基于', 'lora', '滴灌', '控制系统', '控制', '系统']));
  });

  it('normalises full-width letters and digits', () => {
    expect(seg.tokensForIndex('ＬｏＲａ网关　２０２４年')).toEqual(seg.tokensForIndex('LoRa网关 2024年'));
    expect(seg.tokensForIndex('ＬｏＲａ')).toEqual(['lora']);
  });

  it('drops stop words and punctuation', () => {
    const tokens = seg.tokensForIndex('本项目的技术，已经在凉州区和民勤县进行了示范！');
    for (const stop of ['的', '已经', '和', '进行', '了', '，', '！']) expect(tokens).not.toContain(stop);
    expect(tokens).toEqual(expect.arrayContaining(['项目', '技术', '凉州区', '示范']));
    expect(seg.tokensForIndex('the design of a sensor for the greenhouse')).toEqual(['design', 'sensor', 'greenhouse']);
  });

  it('keeps numbers and folds simple plurals', () => {
    expect(seg.tokensForIndex('LEDs 光源 5kg')).toEqual(['led', '光源', '5kg']);
  });

  it('falls back to single characters for unknown words (HMM off), the same way in queries', () => {
    expect(seg.tokensForIndex('补光')).toEqual(['补', '光']);
    expect(seg.tokensForQuery('补光')).toEqual(['补', '光']);
  });

  it('returns nothing for text without words', () => {
    expect(seg.tokensForIndex('，。！？ —— ""')).toEqual([]);
    expect(seg.tokensForIndex('')).toEqual([]);
  });
});

describe('tokensForQuery and queryTerms', () => {
  it('gives precise-mode terms with their search-mode parts', () => {
    expect(seg.queryTerms('医用重离子加速器')).toEqual([
      { term: '医用重离子加速器', parts: expect.arrayContaining(['重离子', '加速器', '医用']) },
    ]);
  });

  it('de-duplicates and drops stop words', () => {
    const tokens = seg.tokensForQuery('滴灌 的 滴灌 和 LoRa LORA');
    expect(tokens).toEqual(['滴灌', 'lora']);
  });

  it('finds every query token among the index tokens of the same text', () => {
    const text = '基于LoRa的膜下滴灌水肥一体化控制系统在日光温室中的应用';
    const index = new Set(seg.tokensForIndex(text));
    expect(seg.tokensForQuery(text).filter((t) => !index.has(t))).toEqual([]);
  });
});

describe('keywords', () => {
  const text =
    '甜高粱是一种高产的能源作物，甜高粱秸秆可以生产燃料乙醇和青贮饲料。' +
    '凉州区建设甜高粱产业园，推广甜高粱种植、膜下滴灌和机械收获技术。the the of';

  it('extracts the characteristic words, honouring the project dictionary', () => {
    const top = seg.keywords(text, 5).map((k) => k.keyword);
    expect(top[0]).toBe('甜高粱');
    expect(top).toHaveLength(5);
  });

  it('never returns stop words, single characters or bare numbers', () => {
    const all = seg.keywords(`${text} 2024 2024 2024`, 30).map((k) => k.keyword);
    expect(all.filter((k) => ['the', 'of', '2024'].includes(k) || [...k].length < 2)).toEqual([]);
  });

  it('returns weights in descending order and nothing for topK 0', () => {
    const weights = seg.keywords(text, 8).map((k) => k.weight);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(seg.keywords(text, 0)).toEqual([]);
  });
});

describe('run-time words (addWords / setExtraWords)', () => {
  it('segments admin words whole and changes the dictionary version', () => {
    const before = segmenter();
    expect(before.cut('黄羊镇清源镇')).not.toContain('清源镇');
    const after = addWords(['清源镇', '黄羊镇']);
    expect(after.cut('黄羊镇清源镇')).toEqual(['黄羊镇', '清源镇']);
    expect(after.version).not.toBe(before.version);
    expect(segmenter()).toBe(after);
    // The segmenter a search started with keeps its dictionary.
    expect(before.cut('黄羊镇清源镇')).not.toContain('清源镇');
  });

  it('removes words and returns to the original version when rebuilt without them', () => {
    const base = Segmenter.build();
    const rebuilt = setExtraWords([]);
    expect(rebuilt.version).toBe(base.version);
    expect(rebuilt.cut('黄羊镇清源镇')).not.toContain('清源镇');
  });

  it('ignores invalid admin words', () => {
    const s = Segmenter.build(['', '药', 'two words']);
    expect(s.extraWords).toEqual([]);
  });
});
