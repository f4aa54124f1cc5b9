import { creditCodeCheckChar } from '../../shared/credit-code.js';
import type { OrgType, Role } from '../../shared/roles.js';

/**
 * Demo organisations, fictional, in the district's industries. Credit codes
 * are well-formed (GB 32100 check character) but belong to no real entity.
 */
export type DemoOrg = { key: string; type: OrgType; name: string; creditCode: string; username: string; roles: Role[] };

function code(first16: string): string {
  const first17 = `${first16}X`.slice(0, 17);
  return first17 + creditCodeCheckChar(first17)!;
}

const MEMBER: Role[] = ['org_admin', 'enterprise_member'];

export const DEMO_ORGS: readonly DemoOrg[] = [
  { key: 'wind', type: 'enterprise', name: '凉州河西风光电装备有限公司（演示）', creditCode: code('91620602MA710001'), username: 'demo-wind', roles: MEMBER },
  { key: 'sand', type: 'enterprise', name: '武威沙丘治理机械有限公司（演示）', creditCode: code('91620602MA710002'), username: 'demo-sand', roles: MEMBER },
  { key: 'wine', type: 'enterprise', name: '凉州祁连山麓酒业有限公司（演示）', creditCode: code('91620602MA710003'), username: 'demo-wine', roles: MEMBER },
  { key: 'chem', type: 'enterprise', name: '武威绿洲精细化工有限公司（演示）', creditCode: code('91620602MA710004'), username: 'demo-chem', roles: MEMBER },
  { key: 'lift', type: 'enterprise', name: '凉州天梯电梯装备有限公司（演示）', creditCode: code('91620602MA710005'), username: 'demo-lift', roles: MEMBER },
  { key: 'food', type: 'enterprise', name: '武威丝路农产品加工有限公司（演示）', creditCode: code('91620602MA710006'), username: 'demo-food', roles: MEMBER },
  { key: 'univ', type: 'university', name: '河西农业技术学院（演示）', creditCode: code('12620600MB710007'), username: 'demo-univ', roles: ['org_admin', 'researcher'] },
  { key: 'inst', type: 'research_institute', name: '武威核技术应用研究所（演示）', creditCode: code('12620600MB710008'), username: 'demo-inst', roles: ['org_admin', 'researcher'] },
  { key: 'serv', type: 'service_institution', name: '凉州科技成果转化服务中心（演示）', creditCode: code('52620602MJ710009'), username: 'demo-serv', roles: ['org_admin', 'service_member'] },
];

/** A reviewer of the bureau, so the review desk can be tried. */
export const DEMO_REVIEWER = { username: 'demo-reviewer', roles: ['reviewer'] as Role[] };
