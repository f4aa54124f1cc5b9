import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, createAccount, signIn } from './support/cast.js';
import { passFundingNotice } from './support/db.js';
import { sleep } from './support/launch.js';

/**
 * Issue 8, a post-subsidy (后补助) from call to acceptance: the bureau opens
 * the call; an enterprise applies with its acceptance report; the bureau
 * passes the formal review and assigns two experts, the third (who works at
 * the applicant) shown as excluded with the reason; each expert scores on
 * the call's form; after the window the bureau closes the review (ranking),
 * awards within the budget and publishes the list; the public sees it on the
 * notice page; an expert (an account without an organisation) objects with
 * evidence uploaded from the form and the bureau downloads it and dismisses
 * the objection. The notice period then passes (support/db.ts: days on the
 * real clock cannot pass in a test) and the bureau makes the list final on
 * the call page; the bureau records the one-off disbursement; the awardee
 * applies for acceptance with a report and a document; the bureau finds it
 * waiting on the call, returns it with the reasons, the awardee adds what was
 * asked and applies again, the bureau passes it and the awardee sees the
 * project accepted.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const databaseUrl = inject('e2eDatabaseUrl');
const cast = new Cast(baseUrl);
beforeAll(() => cast.open());
afterAll(() => cast.close());

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });
/** The application window: long enough for the enterprise to apply on a loaded machine; the journey waits for its end before closing the review. */
const WINDOW_MS = 120_000;

describe('funding programme journey', () => {
  it('the bureau opens a call, an enterprise applies, experts score (a conflicted one excluded), the bureau ranks and awards, an expert objects with evidence during the notice, and the award is final, paid and accepted', async () => {
    const journey = new Journey('funding');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const ent = { username: `fent${suffix}`, password: 'Wind-Funding-2026!', org: `凉州区天马风电装备有限公司${suffix}` };
    const bureau = { username: `fbur${suffix}`, password: 'Bureau-Funding-2026!' };
    const experts = [
      { username: `fexa${suffix}`, password: 'Expert-A-Funding-2026!', name: `张教授${suffix}`, unit: '兰州大学' },
      { username: `fexb${suffix}`, password: 'Expert-B-Funding-2026!', name: `李研究员${suffix}`, unit: '甘肃省机械科学研究院' },
      { username: `fexc${suffix}`, password: 'Expert-C-Funding-2026!', name: `王总工${suffix}`, unit: ent.org },
    ];
    const callTitle = `${suffix} 2026 年科技成果转化后补助`;
    const projectTitle = '2MW 风机变桨系统国产化';
    let callId = '';
    let closesAt = 0;
    let applicationId = '';

    await step('set-up', async () => {
      await registerEnterprise(baseUrl, { orgName: ent.org, username: ent.username, password: ent.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      await createAccount(baseUrl, admin, { username: bureau.username, displayName: '李科长', roles: ['bureau_admin'] }, bureau.password);
      const expertUserIds: string[] = [];
      for (const x of experts) expertUserIds.push(await createAccount(baseUrl, admin, { username: x.username, displayName: x.name, roles: ['expert'] }, x.password));
      const b = await apiAs(baseUrl, bureau.username, bureau.password);
      const m = await apiAs(baseUrl, ent.username, ent.password);
      const s = (await m.get('/api/v1/session')) as { user: { organisation: { id: string } } };
      const orgId = s.user.organisation.id;
      await b.post(`/api/v1/organisations/${orgId}/verification`, { decision: 'verified' });
      for (const [i, x] of experts.entries()) {
        await b.post('/api/v1/funding/experts', { userId: expertUserIds[i]!, name: x.name, field: '风电装备', title: '教授级高工', unit: x.unit, ...(x.unit === ent.org ? { unitOrgId: orgId } : {}) });
      }
      const now = Date.now();
      closesAt = now + WINDOW_MS;
      const c = (await b.post('/api/v1/funding/calls', {
        kind: 'post_subsidy',
        title: callTitle,
        description: '对已完成并通过验收的科技成果转化项目给予后补助。',
        eligibility: { orgTypes: ['enterprise'], regionPrefixes: [], verifiedOnly: true, maxRequestFen: 50_000_000 },
        requiredDocuments: ['项目验收报告'],
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        reviewDeadline: new Date(now + 3 * 86_400_000).toISOString(),
        budgetFen: 30_000_000,
        scoreForm: [{ key: 'result', label: '转化成效', max: 60 }, { key: 'benefit', label: '经济效益', max: 40 }],
        noticeDays: 7,
      })) as { id: string };
      callId = c.id;
    });

    // 1. The bureau opens the call (a draft until now).
    const pb = await cast.person();
    await step('bureau-opens-call', async () => {
      await signIn(pb, bureau.username, bureau.password);
      await pb.getByTestId('menu-funding').click();
      await pb.getByTestId(`call-link-${callId}`).click();
      await pb.getByTestId('call-page').waitFor();
      await pb.getByTestId('move-open').click();
      await pb.getByTestId('move-confirm').click();
      await pb.getByTestId('call-status').getByText('受理申报').waitFor();
      await journey.shot(pb, 'call-open');
    });

    // 2. The enterprise applies with its acceptance report.
    const pe = await cast.person();
    await step('enterprise-applies', async () => {
      await signIn(pe, ent.username, ent.password);
      await pe.getByTestId('menu-funding').click();
      await pe.getByTestId(`apply-${callId}`).click();
      await pe.getByTestId('apply-title').fill(projectTitle);
      await pe.getByTestId('apply-summary').fill('与兰州理工大学合作完成变桨控制系统国产化，2025 年通过验收并批量装机。');
      await pe.getByTestId('apply-requested').fill('200000');
      await pe.locator('.ant-modal input[type="file"]').first().setInputFiles(pdf('项目验收报告.pdf'));
      await pe.getByTestId('apply-doc-0-name').getByText('项目验收报告.pdf').waitFor();
      await journey.shot(pe, 'application-form');
      await pe.getByTestId('apply-submit').click();
      await pe.getByTestId('funding-application-page').waitFor();
      applicationId = pe.url().split('/').pop()!;
      await pe.getByTestId('application-status').getByText('待形式审查').waitFor();
      await pe.getByTestId('check-documents').getByText('申报材料齐全').waitFor();
      await pe.getByTestId('funding-timeline').getByText('提交申报').waitFor();
      await journey.shot(pe, 'application-submitted');
    });
    expect(applicationId).toMatch(/^[0-9a-f-]{36}$/);

    // 3. The bureau passes the formal review and assigns two experts; the third is excluded with the reason.
    await step('bureau-formal-review-and-assignment', async () => {
      await pb.goto(`/console/funding/applications/${applicationId}`);
      await pb.getByTestId('formal-pass').click();
      await pb.getByTestId('application-status').getByText('专家评审中').waitFor();
      const table = pb.getByTestId('conflict-table');
      await table.getByTestId(`conflict-${experts[2]!.name}`).getByText('与申报单位同单位').waitFor();
      expect(await table.locator('tr', { hasText: experts[2]!.name }).locator('input[type="checkbox"]').isDisabled()).toBe(true);
      for (const x of experts.slice(0, 2)) await table.locator('tr', { hasText: x.name }).locator('input[type="checkbox"]').check();
      await journey.shot(pb, 'assignment-with-conflict');
      await pb.getByTestId('assign-submit').click();
      for (const x of experts.slice(0, 2)) await pb.getByTestId('reviews-table').getByText(x.name).waitFor();
    });

    // 4. Each expert scores on the call's form; the other's score stays hidden.
    const scores = [[52, 35], [48, 30]] as const;
    for (const [i, x] of experts.slice(0, 2).entries()) {
      const px = await cast.person();
      await step(`expert-${i + 1}-scores`, async () => {
        await signIn(px, x.username, x.password);
        await px.getByTestId('menu-funding').click();
        await px.getByTestId('assigned-applications').getByText(projectTitle).click();
        await px.getByTestId('my-deadline').waitFor();
        await px.getByTestId('score-result').fill(String(scores[i]![0]));
        await px.getByTestId('score-benefit').fill(String(scores[i]![1]));
        await px.getByTestId('score-total').getByText(String(scores[i]![0] + scores[i]![1])).waitFor();
        await px.getByTestId('score-comment').fill('转化成效明确，装机数据可信。');
        await px.getByTestId('score-submit').click();
        await px.locator('.ant-message-success').first().waitFor();
        await px.getByText('评审结束前不显示其他专家的评分。').waitFor();
        if (i === 1) await journey.shot(px, 'expert-scored');
      });
    }

    // 5. After the window the bureau closes the review, awards within the budget and publishes the list.
    await step('bureau-ranks-awards-publishes', async () => {
      const wait = closesAt + 2_000 - Date.now();
      if (wait > 0) await sleep(wait);
      await pb.goto(`/console/funding/calls/${callId}`);
      await pb.getByTestId('move-review').click();
      await pb.getByTestId('move-confirm').click();
      await pb.getByTestId('call-status').getByText('评审').waitFor();
      await pb.getByRole('tab', { name: '排名与资助' }).click();
      const row = pb.getByTestId('ranking-table').locator('tr', { hasText: ent.org });
      await row.getByText('82.5').waitFor(); // (87 + 78) / 2
      await pb.getByTestId('ranking-chart').waitFor();
      await pb.getByTestId(`award-${applicationId}`).fill('180000');
      await pb.getByTestId('remaining-budget').getByText('120,000.00').waitFor();
      await pb.getByTestId('awards-save').click();
      await pb.getByTestId('budget-progress').getByText('60%').waitFor();
      const [download] = await Promise.all([pb.waitForEvent('download'), pb.getByTestId('ranking-export').click()]);
      expect(download.suggestedFilename()).toMatch(/^资助排名-.*\.xlsx$/);
      await journey.shot(pb, 'ranking-and-award');
      await pb.getByTestId('move-notice').click();
      await pb.getByTestId('move-confirm').click();
      await pb.getByTestId('call-status').getByText('公示中').waitFor();
      await pb.getByTestId('notice-list').getByText(ent.org).waitFor();
    });

    // 6. The public sees the award on the notice page; the applicant sees its award. This visitor's browser is in
    //    Los Angeles: the notice's end still reads in 北京时间 (decision 0028), as the district's notice says.
    const pv = await cast.person(undefined, { timezoneId: 'America/Los_Angeles' });
    await step('public-notice', async () => {
      const { noticeEndsAt } = (await (await apiAs(baseUrl, bureau.username, bureau.password)).get(`/api/v1/funding/calls/${callId}`)) as { noticeEndsAt: string };
      const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(noticeEndsAt));
      await pv.goto('/funding/awards');
      const card = pv.getByTestId(`public-call-${callId}`);
      await card.getByText(ent.org).waitFor();
      await card.getByText('180,000.00 元').waitFor();
      await card.getByText(`公示中，截止 ${beijing}`).waitFor();
      expect(await pv.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/Los_Angeles');
      await journey.shot(pv, 'public-notice');
      await pe.goto(`/console/funding/applications/${applicationId}`);
      await pe.getByTestId('award-amount').getByText('180,000.00').waitFor();
      await pe.getByTestId('funding-timeline').getByText('评审结束，完成排名').waitFor();
    });

    // 7. Anyone signed in may object during the notice, with reasons and evidence: here an expert, who has no
    //    organisation, uploads the evidence from the form; the bureau downloads it and resolves the objection.
    await step('expert-objects-with-evidence-and-bureau-dismisses', async () => {
      const po = await cast.person();
      await signIn(po, experts[1]!.username, experts[1]!.password);
      await po.goto(`/console/funding/calls/${callId}?tab=notice`);
      await po.getByTestId('object-open').click();
      await po.getByTestId('object-target').click();
      await po.locator('.ant-select-dropdown:visible').getByText(`${ent.org} · ${projectTitle}`, { exact: true }).click();
      await po.getByTestId('object-text').fill('请核实该项目是否已获省级同类补助。');
      await po.locator('.ant-modal input[type="file"]').first().setInputFiles(pdf('省级补助名单.pdf'));
      await po.getByTestId('object-evidence-name').getByText('省级补助名单.pdf').waitFor();
      await journey.shot(po, 'expert-objection-with-evidence');
      await po.getByTestId('object-submit').click();
      await po.locator('.ant-message-success').first().waitFor();
      await pb.goto(`/console/funding/calls/${callId}?tab=notice`);
      await pb.getByText('1 条异议待处理').first().waitFor();
      const row = pb.getByTestId('objections-table').locator('tr', { hasText: '省级同类补助' });
      await row.getByText(experts[1]!.name).waitFor();
      const [evidence] = await Promise.all([pb.waitForEvent('download'), row.getByText('省级补助名单.pdf').click()]);
      expect(evidence.suggestedFilename()).toBe('省级补助名单.pdf');
      await row.locator('[data-testid^="resolve-"]').click();
      await pb.getByTestId('resolve-text').fill('经核实，该项目未获省级同类补助，异议不成立。');
      await pb.getByTestId('resolve-submit').click();
      await row.getByText('驳回').waitFor();
      await journey.shot(pb, 'objection-dismissed');
    });

    // 8. The notice period passes (days on the real clock: support/db.ts) and the bureau makes the list final.
    await step('notice-ends-and-list-final', async () => {
      await passFundingNotice(databaseUrl, callId);
      await pb.goto(`/console/funding/calls/${callId}`);
      await pb.getByTestId('move-awarded').click();
      await pb.getByTestId('move-confirm').click();
      await pb.getByTestId('call-status').getByText('已确定').waitFor();
      await pv.goto('/funding/awards');
      await pv.getByTestId(`public-call-${callId}`).getByText('名单已确定').waitFor();
      await pe.goto(`/console/funding/applications/${applicationId}`);
      // Amounts in the timeline read as money (the server's note is "180000.00").
      await pe.getByTestId('funding-timeline').getByText('公示期满，获得资助：180,000.00 元').waitFor();
      await pe.getByTestId('acceptance-status').getByText('未申请验收').waitFor();
    });

    // 9. The bureau records the disbursement: a post-subsidy is paid at once, the whole award.
    await step('bureau-disburses', async () => {
      await pb.goto(`/console/funding/applications/${applicationId}`);
      await pb.getByTestId('left-to-pay').getByText('180,000.00').waitFor();
      await pb.getByTestId('disburse-reference').fill('LZCZ-2026-0815');
      await pb.getByTestId('disburse-submit').click();
      await pb.getByTestId('disbursed-amount').getByText('180,000.00').waitFor();
      await pb.getByTestId('disbursements-table').getByText('LZCZ-2026-0815').waitFor();
      await pb.getByTestId('funding-timeline').getByText('资金拨付：第 1 笔 180,000.00 元').waitFor();
      await pb.getByTestId('acceptance-status').getByText('未申请验收').waitFor();
      await journey.shot(pb, 'disbursed');
    });

    // 10. The awardee applies for acceptance (验收) with a report and a document; the bureau passes it.
    await step('awardee-applies-for-acceptance', async () => {
      await pe.goto(`/console/funding/applications/${applicationId}`);
      await pe.getByTestId('disbursed-amount').getByText('180,000.00').waitFor();
      await pe.getByTestId('acceptance-report').fill('变桨控制系统已批量装机 120 台，国产化率 95%，补助资金全部用于装机验证。');
      await pe.getByTestId('acceptance-doc-name-0').fill('项目绩效报告');
      await pe.locator('[data-testid="funding-application-page"] input[type="file"]').first().setInputFiles(pdf('项目绩效报告.pdf'));
      await pe.getByTestId('acceptance-doc-0-name').getByText('项目绩效报告.pdf').waitFor();
      await journey.shot(pe, 'acceptance-application');
      await pe.getByTestId('acceptance-submit').click();
      await pe.getByTestId('acceptance-status').getByText('验收申请待审核').waitFor();
      await pe.getByTestId('funding-timeline').getByText('提交验收申请').waitFor();
    });

    // 11. The bureau finds it waiting on the call, returns it once with the reasons; the awardee adds what was asked.
    await step('bureau-returns-acceptance-and-awardee-applies-again', async () => {
      // Once the list is final the call page opens on its applications (disbursement and acceptance), not the notice.
      await pb.goto(`/console/funding/calls/${callId}`);
      await pb.getByRole('tab', { name: '申报数', selected: true }).waitFor();
      await pb.getByTestId(`acceptance-waiting-${applicationId}`).getByText('验收申请待审核').waitFor();
      await pb.getByTestId(`application-link-${applicationId}`).click();
      await pb.getByTestId('acceptance-documents').getByText('项目绩效报告').waitFor();
      await pb.getByTestId('acceptance-note').fill('请补充补助资金使用明细。');
      await pb.getByTestId('acceptance-return').click();
      await pb.getByTestId('acceptance-return-confirm').click();
      await pb.getByTestId('acceptance-status').getByText('验收申请被退回').waitFor();
      await pe.goto(`/console/funding/applications/${applicationId}`);
      await pe.getByTestId('acceptance-return-note').getByText('请补充补助资金使用明细。').waitFor();
      await pe.getByText('已附：项目绩效报告').waitFor();
      await pe.getByTestId('acceptance-report').press('End');
      await pe.getByTestId('acceptance-report').pressSequentially('资金使用明细见附件。');
      await pe.getByTestId('acceptance-add-document').click();
      await pe.getByTestId('acceptance-doc-name-1').fill('资金使用明细');
      await pe.locator('[data-testid="funding-application-page"] input[type="file"]').nth(1).setInputFiles(pdf('资金使用明细.pdf'));
      await pe.getByTestId('acceptance-doc-1-name').getByText('资金使用明细.pdf').waitFor();
      await journey.shot(pe, 'acceptance-returned-and-corrected');
      await pe.getByTestId('acceptance-submit').click();
      await pe.getByTestId('acceptance-status').getByText('验收申请待审核').waitFor();
    });

    await step('bureau-passes-acceptance', async () => {
      await pb.goto(`/console/funding/applications/${applicationId}`);
      await pb.getByTestId('acceptance-documents').getByText('资金使用明细').waitFor();
      await pb.getByText('资金使用明细见附件。').waitFor();
      await pb.getByTestId('acceptance-note').fill('项目目标全部完成，资金使用规范，同意通过验收。');
      await pb.getByTestId('acceptance-pass').click();
      await pb.getByTestId('acceptance-status').getByText('已通过验收').waitFor();
      await pe.goto(`/console/funding/applications/${applicationId}`);
      await pe.getByTestId('acceptance-status').getByText('已通过验收').waitFor();
      await pe.getByTestId('funding-timeline').getByText('通过验收').waitFor();
      await pe.getByText('项目目标全部完成，资金使用规范，同意通过验收。').first().waitFor();
      await journey.shot(pe, 'project-accepted');
    });
  }, 600_000);
});
