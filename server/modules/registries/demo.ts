import { eq } from 'drizzle-orm';
import type { PlatformContent } from '../../../shared/contracts/registries.js';
import type { Actor } from '../../core/access.js';
import type { Tx } from '../../db/client.js';
import { createEntry } from './create-entry.js';
import { approveEntry } from './review-entry.js';
import { platforms } from './schema.js';
import { submitEntry } from './submit-entry.js';

/**
 * Two innovation platforms for the demo, written for this project (names,
 * partners and recognition dates are invented): a municipal engineering
 * centre for wine grapes hosted by the demo winery, and a provincial key
 * laboratory of the demo nuclear-technology institute, both published and
 * open to enterprises. Idempotent by external id.
 */
const DEMO_PLATFORMS: { externalId: string; orgKey: string; content: PlatformContent }[] = [
  {
    externalId: 'demo-platform-wine-grape',
    orgKey: 'wine',
    content: {
      name: '武威市酿酒葡萄工程技术研究中心（演示）',
      platformType: 'engineering_centre',
      level: 'municipal',
      partners: ['河西农业技术学院（演示）'],
      techField: 'F09',
      pillarIndustry: 'specialty-forestry-fruit',
      recognisedOn: '2025-06-18',
      recognisedBy: '武威市科学技术局（演示）',
      summary: '围绕酿酒葡萄抗寒品种选育、沙地滴灌栽培和干红酿造工艺开展校企联合攻关，建有葡萄酒理化分析实验室和小型发酵中试线。',
      openToOthers: true,
      sharedResources: '葡萄酒理化分析实验室、发酵中试线按预约向区内企业开放，收费参照成本。',
    },
  },
  {
    externalId: 'demo-platform-nuclear-lab',
    orgKey: 'inst',
    content: {
      name: '河西辐照技术应用重点实验室（演示）',
      platformType: 'key_lab',
      level: 'provincial',
      partners: ['河西农业技术学院（演示）'],
      techField: 'F06.02',
      pillarIndustry: 'civil-nuclear-equipment',
      recognisedOn: '2024-12-10',
      recognisedBy: '甘肃省科学技术厅（演示）',
      summary: '研究农产品辐照保鲜、辐照育种和工业探伤技术，为核技术民用装备制造企业提供检测和中试服务。',
      openToOthers: true,
      sharedResources: '钴源辐照装置和射线探伤实验室对外提供委托试验。',
    },
  },
];

/** Registers, submits and approves the demo platforms of the organisations `orgOf` finds; returns how many were added. */
export async function loadDemoPlatforms(tx: Tx, bureau: Actor, orgOf: (key: string) => { id: string } | undefined, now: Date): Promise<number> {
  let added = 0;
  for (const d of DEMO_PLATFORMS) {
    const org = orgOf(d.orgKey);
    if (!org) continue;
    const [exists] = await tx.select({ id: platforms.id }).from(platforms).where(eq(platforms.externalId, d.externalId));
    if (exists) continue;
    const row = await createEntry(tx, bureau, 'platform', { organisationId: org.id, content: d.content }, now);
    await tx.update(platforms).set({ externalId: d.externalId }).where(eq(platforms.id, row.id));
    await submitEntry(tx, bureau, 'platform', row.id, now);
    await approveEntry(tx, bureau, 'platform', row.id, now);
    added++;
  }
  return added;
}
