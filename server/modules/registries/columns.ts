import type { RegistryKind } from '../../../shared/contracts/registries.js';
import { pillarIndustries, techFields } from '../../../shared/taxonomies/index.js';

/**
 * Spreadsheet columns of each registry (export headers; import accepts the
 * same headers). Enumerations are written in Chinese and read as Chinese or
 * as their codes; list cells are separated by ；, 、 or commas.
 */
export type Column = { key: string; header: string; list?: boolean; enumZh?: Record<string, string>; number?: boolean; boolean?: boolean };

export const LEVEL_ZH = { none: '未认定', municipal: '市级', provincial: '省级', national: '国家级' };
export const TYPE_ZH = { trading: '技术交易', evaluation: '评估评价', financing: '投融资', consulting: '咨询', legal: '法律服务', ip_agency: '知识产权代理', testing: '检验检测' };
export const GRADE_ZH = { junior: '初级技术经纪人', intermediate: '中级技术经纪人', senior: '高级技术经理人' };
export const SPACE_ZH = { maker_space: '众创空间', incubator: '孵化器', accelerator: '加速器', star_space: '星创天地' };
export const SPEC_ZH = { professional: '专业化', general: '综合' };
export const ZONE_KIND_ZH = { zone: '示范区', base: '示范基地', park: '园区' };
export const ZONE_LEVEL_ZH = { municipal: '市级', provincial: '省级', national: '国家级' };
export const STAGE_ZH = { cultivating: '培育中', built: '已建成', recognised: '已认定' };
export const PLATFORM_TYPE_ZH = {
  key_lab: '重点实验室',
  engineering_centre: '工程技术研究中心',
  enterprise_tech_centre: '企业技术中心',
  new_rd_institution: '新型研发机构',
  academician_workstation: '院士专家工作站',
  industrial_base: '产业（示范）基地',
  other: '其他',
};
export const PLATFORM_LEVEL_ZH = { national: '国家级', provincial: '省级', municipal: '市级', district: '区级' };
export const YES_NO_ZH = { true: '是', false: '否' };
/** Tech fields and pillar industries are written by their Chinese names and read as names or codes. */
const TECH_FIELD_ZH = Object.fromEntries(techFields().flatMap((f) => [[f.code, f.name] as const, ...f.children.map((c) => [c.code, c.name] as const)]));
const PILLAR_ZH = Object.fromEntries(pillarIndustries().map((p) => [p.code, p.name] as const));
export const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '待审核', returned: '已退回', published: '已公开', withdrawn: '已撤下' };

export const COLUMNS: Record<RegistryKind, Column[]> = {
  institution: [
    { key: 'name', header: '机构名称' },
    { key: 'types', header: '服务类型', list: true, enumZh: TYPE_ZH },
    { key: 'summary', header: '机构简介' },
    { key: 'address', header: '地址' },
    { key: 'regionCode', header: '行政区划代码' },
    { key: 'contactName', header: '联系人' },
    { key: 'contactPhone', header: '联系电话' },
    { key: 'contactEmail', header: '电子邮箱' },
    { key: 'website', header: '网址' },
    { key: 'recognitionLevel', header: '示范机构级别', enumZh: LEVEL_ZH },
    { key: 'certificateNo', header: '证书编号' },
    { key: 'recognisedOn', header: '认定日期' },
    { key: 'validUntil', header: '有效期至' },
  ],
  broker: [
    { key: 'name', header: '姓名' },
    { key: 'grade', header: '等级', enumZh: GRADE_ZH },
    { key: 'expertise', header: '专业领域', list: true },
    { key: 'bio', header: '个人简介' },
    { key: 'phone', header: '联系电话' },
    { key: 'email', header: '电子邮箱' },
  ],
  space: [
    { key: 'name', header: '载体名称' },
    { key: 'kind', header: '类型', enumZh: SPACE_ZH },
    { key: 'level', header: '级别', enumZh: LEVEL_ZH },
    { key: 'specialisation', header: '专业化/综合', enumZh: SPEC_ZH },
    { key: 'field', header: '专业领域' },
    { key: 'operatorName', header: '运营主体' },
    { key: 'address', header: '地址' },
    { key: 'regionCode', header: '行政区划代码' },
    { key: 'areaSqm', header: '面积（平方米）', number: true },
    { key: 'services', header: '服务内容', list: true },
    { key: 'summary', header: '简介' },
    { key: 'recognisedOn', header: '认定日期' },
    { key: 'contactName', header: '联系人' },
    { key: 'contactPhone', header: '联系电话' },
  ],
  alliance: [
    { key: 'name', header: '联盟名称' },
    { key: 'field', header: '产业领域' },
    { key: 'level', header: '级别', enumZh: LEVEL_ZH },
    { key: 'foundedOn', header: '成立日期' },
    { key: 'summary', header: '简介' },
  ],
  demo_zone: [
    { key: 'name', header: '名称' },
    { key: 'kind', header: '类型', enumZh: ZONE_KIND_ZH },
    { key: 'level', header: '级别', enumZh: ZONE_LEVEL_ZH },
    { key: 'stage', header: '建设状态', enumZh: STAGE_ZH },
    { key: 'field', header: '产业领域' },
    { key: 'summary', header: '简介' },
    { key: 'cultivatingSince', header: '培育起始日期' },
    { key: 'builtOn', header: '建成日期' },
    { key: 'recognisedOn', header: '认定日期' },
  ],
  platform: [
    { key: 'name', header: '平台名称' },
    { key: 'platformType', header: '平台类型', enumZh: PLATFORM_TYPE_ZH },
    { key: 'level', header: '级别', enumZh: PLATFORM_LEVEL_ZH },
    { key: 'partners', header: '合作高校院所', list: true },
    { key: 'techField', header: '技术领域', enumZh: TECH_FIELD_ZH },
    { key: 'pillarIndustry', header: '主导产业', enumZh: PILLAR_ZH },
    { key: 'recognisedOn', header: '认定日期' },
    { key: 'recognisedBy', header: '认定部门' },
    { key: 'summary', header: '简介' },
    { key: 'openToOthers', header: '对外开放', enumZh: YES_NO_ZH, boolean: true },
    { key: 'sharedResources', header: '开放共享内容' },
  ],
};

/** The owner column of an import: the organisation by its unified social credit code (or exact name). */
export const ORG_HEADER = '所属单位（统一社会信用代码或全称）';
