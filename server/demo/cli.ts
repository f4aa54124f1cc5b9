import type { Config } from '../config.js';
import { openDatabase } from '../ops/database.js';
import { loadDemo } from './load-demo.js';
import { DEMO_ORGS, DEMO_REVIEWER } from './organisations.js';

type Out = { log: (s: string) => void; err: (s: string) => void };

/** `npm run demo`: load the demo data and print the accounts (the password only when they were just created). */
export async function demoCommand(config: Config, out: Out): Promise<number> {
  const open = await openDatabase(config);
  try {
    const r = await loadDemo(open.db, new Date());
    out.log(`演示数据 / Demo data: +${r.organisationsCreated} 单位 organisations, +${r.achievementsCreated} 成果 achievements, +${r.demandsCreated} 需求 demands`);
    if (r.password) {
      out.log('\n  演示账号 / Demo accounts (password shown once):');
      for (const u of r.usersCreated) out.log(`    ${u}`);
      out.log(`  密码 / Password: ${r.password}\n`);
    } else {
      out.log(`演示账号已存在，密码未改变 / Demo accounts exist already; passwords unchanged (${[...DEMO_ORGS.map((o) => o.username), DEMO_REVIEWER.username].join(', ')}).`);
    }
    out.log('检索索引由运行中的平台更新 / The running platform indexes the listings for search.');
    return 0;
  } finally {
    await open.close();
  }
}
