import { describe, expect, it } from 'vitest';
import {
  CooperationMode,
  compatibilityFit,
  compatibilityTable,
  compatibleTransferModes,
  danglingPillarReferences,
  divisionSection,
  ENUM_CODES,
  ENUM_KINDS,
  enumDefinition,
  enumLabel,
  enumValue,
  fullyCoveredProvinces,
  IndustryDivisionCode,
  industryDivisions,
  industrySections,
  isPublishable,
  isValidDivision,
  isValidRegion,
  isValidTechField,
  pillarIndustries,
  pillarIndustry,
  RegionCode,
  regionChildren,
  regionPath,
  regionsAtLevel,
  suggestPillarIndustries,
  techField,
  techFields,
  techFieldTop,
  TechnologyReadinessLevel,
  TransferMode,
  trlLevels,
} from './index.js';

describe('GB/T 4754-2017 industries', () => {
  it('has 20 sections A–T and 97 divisions 01–97', () => {
    expect(industrySections().map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    const codes = industryDivisions().map((d) => d.code);
    expect(codes).toHaveLength(97);
    expect(codes).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('puts every division in an existing section, and every section has divisions', () => {
    const sections = new Set(industrySections().map((s) => s.code));
    for (const d of industryDivisions()) expect(sections.has(d.section)).toBe(true);
    for (const s of sections) expect(industryDivisions(s).length).toBeGreaterThan(0);
  });

  it('matches the 2017 section boundaries', () => {
    const range = (s: string) => industryDivisions(s).map((d) => d.code);
    expect(range('A')).toEqual(['01', '02', '03', '04', '05']);
    expect(range('C')).toHaveLength(31);
    expect(range('C')[0]).toBe('13');
    expect(range('C').at(-1)).toBe('43');
    expect(range('I')).toEqual(['63', '64', '65']);
    expect(range('M')).toEqual(['73', '74', '75']);
    expect(range('N')).toEqual(['76', '77', '78', '79']);
    expect(range('S')).toEqual(['91', '92', '93', '94', '95', '96']);
    expect(range('T')).toEqual(['97']);
    expect(divisionSection('65')).toBe('I');
    expect(divisionSection('98')).toBeUndefined();
  });

  it('uses the 2017 names, not the 2011 ones', () => {
    const name = (c: string) => industryDivisions().find((d) => d.code === c)?.name;
    expect(name('05')).toBe('农、林、牧、渔专业及辅助性活动');
    expect(name('25')).toBe('石油、煤炭及其他燃料加工业');
    expect(name('58')).toBe('多式联运和运输代理业');
    expect(name('79')).toBe('土地管理业');
  });
});

describe('GB/T 2260 regions', () => {
  it('lists the 34 provincial-level units', () => {
    const provinces = regionsAtLevel('province');
    expect(provinces).toHaveLength(34);
    expect(provinces.map((p) => p.code.slice(0, 2))).toEqual(
      '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82'.split(' '),
    );
  });

  it("covers Gansu's 14 prefecture-level units and 86 county-level units", () => {
    expect(fullyCoveredProvinces()).toEqual(['620000']);
    const prefectures = regionChildren('620000');
    expect(prefectures).toHaveLength(14);
    const counts = Object.fromEntries(prefectures.map((p) => [p.name, regionChildren(p.code).length]));
    expect(counts).toEqual({
      兰州市: 8, 嘉峪关市: 0, 金昌市: 2, 白银市: 5, 天水市: 7, 武威市: 4, 张掖市: 6,
      平凉市: 7, 酒泉市: 7, 庆阳市: 8, 定西市: 7, 陇南市: 9, 临夏回族自治州: 8, 甘南藏族自治州: 8,
    });
    expect(regionsAtLevel('county')).toHaveLength(86);
  });

  it('gives every prefecture and county an existing parent one level up', () => {
    for (const r of [...regionsAtLevel('prefecture'), ...regionsAtLevel('county')]) {
      const path = regionPath(r.code);
      expect(path.map((p) => p.level)).toEqual(r.level === 'prefecture' ? ['province', 'prefecture'] : ['province', 'prefecture', 'county']);
    }
  });

  it('resolves the default district', () => {
    expect(regionPath('620602').map((r) => r.name)).toEqual(['甘肃省', '武威市', '凉州区']);
    expect(regionChildren('620600').map((r) => r.code)).toEqual(['620602', '620621', '620622', '620623']);
    expect(isValidRegion('620881')).toBe(true); // 华亭市 since 2018
    expect(isValidRegion('620824')).toBe(false); // the former 华亭县
    expect(regionPath('999999')).toEqual([]);
    expect(RegionCode.safeParse('620602').success).toBe(true);
    expect(RegionCode.safeParse('620699').success).toBe(false);
  });
});

describe('technology fields', () => {
  it('has the eight national fields, 现代农业 and 其他', () => {
    expect(techFields().map((f) => f.name)).toEqual([
      '电子信息', '生物与新医药', '航空航天', '新材料', '高技术服务', '新能源与节能', '资源与环境', '先进制造与自动化', '现代农业', '其他',
    ]);
    expect(techFields().map((f) => f.children.length)).toEqual([8, 7, 2, 6, 8, 4, 8, 9, 8, 0]);
    expect(techField('F04')?.name).toBe('新材料');
    expect(techField('F04.05')?.name).toBe('精细和专用化学品');
    expect(techFieldTop('F09.08')?.code).toBe('F09');
    expect(isValidTechField('F04.99')).toBe(false);
  });
});

describe('pillar industries', () => {
  it('has the plan’s tags with known divisions and tech fields', () => {
    const names = pillarIndustries().map((p) => p.name);
    for (const n of ['风光电装备制造', '核技术民用装备制造', '机械治沙', '生物制药', '精细化工', '农产品精深加工', '液体经济',
      '设施农牧业', '特色林果业', '甜高粱', '电梯制造', '装备制造', '环保建材', '商贸物流', '医用重离子加速器']) {
      expect(names).toContain(n);
    }
    expect(danglingPillarReferences(pillarIndustries())).toEqual([]);
    const broken = { ...pillarIndustries()[0]!, divisions: ['99'], techFields: ['F42'] };
    expect(danglingPillarReferences([broken])).toEqual([`${broken.code}: unknown industry division 99`, `${broken.code}: unknown tech field F42`]);
    for (const p of pillarIndustries()) {
      expect(p.divisions.length + p.techFields.length).toBeGreaterThan(0);
      for (const d of p.divisions) expect(isValidDivision(d)).toBe(true);
      for (const f of p.techFields) expect(isValidTechField(f)).toBe(true);
    }
  });

  it('suggests tags from divisions and tech fields', () => {
    expect(suggestPillarIndustries({ divisions: ['27'] }).map((p) => p.code)).toEqual(['biopharmaceuticals']);
    expect(suggestPillarIndustries({ divisions: ['15'], techFields: ['F09.05'] })[0]?.code).toBe('liquid-economy');
    expect(suggestPillarIndustries({})).toEqual([]);
    expect(pillarIndustry('sweet-sorghum')?.name).toBe('甜高粱');
  });
});

describe('catalog enumerations', () => {
  it('labels every code of every enumeration in both locales', () => {
    for (const kind of ENUM_KINDS) {
      expect(enumDefinition(kind).values.map((v) => v.code)).toEqual([...ENUM_CODES[kind]]);
      for (const code of ENUM_CODES[kind]) {
        expect(enumLabel(kind, code, 'zh-CN')).not.toBe(code);
        expect(enumLabel(kind, code, 'en')).not.toBe(code);
      }
    }
    expect(enumLabel('achievementStage', 'mature', 'zh-CN')).toBe('成熟应用阶段');
    expect(enumLabel('transferMode', 'license', 'en')).toBe('Licensing');
    expect(enumLabel('transferMode', 'gone', 'en')).toBe('gone');
  });

  it('has nine technology readiness levels with definitions', () => {
    const levels = trlLevels();
    expect(levels.map((l) => l.level)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const l of levels) expect(l.definition && l.definitionEn).toBeTruthy();
    expect(enumLabel('technologyReadinessLevel', 9, 'zh-CN')).toBe(levels[8]!.name);
    expect(TechnologyReadinessLevel.safeParse(10).success).toBe(false);
  });

  it('publishes only 公开 achievements', () => {
    expect(ENUM_CODES.confidentiality.filter(isPublishable)).toEqual(['public']);
    expect(enumValue('confidentiality', 'secret').publishable).toBe(false);
  });

  it('maps every cooperation mode to known transfer modes, direct ones first', () => {
    for (const row of compatibilityTable()) {
      expect(CooperationMode.safeParse(row.cooperationMode).success).toBe(true);
      expect(TransferMode.safeParse(row.transferMode).success).toBe(true);
    }
    for (const mode of ENUM_CODES.cooperationMode) {
      const modes = compatibleTransferModes(mode);
      expect(modes[0]?.fit).toBe('direct');
    }
    expect(compatibilityFit('technology-license', 'license')).toBe('direct');
    expect(compatibilityFit('technology-transfer', 'transfer')).toBe('direct');
    expect(compatibilityFit('commissioned-development', 'technical-service')).toBe('direct');
    expect(compatibilityFit('technical-consulting', 'transfer')).toBeNull();
  });

  it('rejects unknown codes in contracts', () => {
    expect(IndustryDivisionCode.safeParse('65').success).toBe(true);
    expect(IndustryDivisionCode.safeParse('00').success).toBe(false);
  });
});
