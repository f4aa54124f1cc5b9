import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { townshipList } from './repository.js';
import { villages } from './schema.js';

/**
 * A small invented village set for the demo (names made up for this project,
 * not taken from any register): two or three villages in each of the first
 * four townships of the organisation tree, some flagged poor, one lifted.
 * Idempotent: an existing township/name pair is left as it is.
 */
const DEMO_VILLAGES: { township: number; name: string; households: number; flagged: number | null; lifted: number | null }[] = [
  { township: 0, name: '红柳湾村', households: 412, flagged: 2014, lifted: 2019 },
  { township: 0, name: '杏花沟村', households: 286, flagged: 2014, lifted: null },
  { township: 0, name: '榆树沟村', households: 530, flagged: null, lifted: null },
  { township: 1, name: '白杨树村', households: 198, flagged: 2015, lifted: null },
  { township: 1, name: '苜蓿滩村', households: 344, flagged: null, lifted: null },
  { township: 2, name: '柳荫村', households: 265, flagged: 2015, lifted: 2018 },
  { township: 2, name: '石羊坡村', households: 173, flagged: 2016, lifted: null },
  { township: 3, name: '丰乐村', households: 402, flagged: null, lifted: null },
  { township: 3, name: '南湖湾村', households: 221, flagged: 2014, lifted: null },
];

/** Writes the demo villages; returns how many were added. */
export async function loadDemoVillages(tx: Tx, now: Date): Promise<number> {
  const towns = await townshipList(tx);
  let added = 0;
  for (const v of DEMO_VILLAGES) {
    const town = towns[v.township];
    if (!town) continue;
    const r = await tx
      .insert(villages)
      .values({ townshipId: town.id, name: v.name, households: v.households, povertyFlaggedYear: v.flagged, povertyLiftedYear: v.lifted, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: [villages.townshipId, villages.name] })
      .returning({ id: sql<string>`id` });
    added += r.length;
  }
  return added;
}
