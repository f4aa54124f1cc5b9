import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, registerEnterprise, uniqueSuffix } from './support/api.js';
import { Journey } from './support/browser.js';
import { Cast, createAccount } from './support/cast.js';

/**
 * Issue 4 (0022): a visitor describes a problem in a few sentences and, next
 * to achievements and demands, finds the service institution whose services
 * fit, explained (matched words, the related service), and opens its
 * directory page; the people tab shows the approved broker and tells the
 * visitor that the review expert pool is for bureau staff.
 */
const baseUrl = inject('e2eBaseUrl');
const adminPassword = inject('e2eAdminPassword');
const cast = new Cast(baseUrl);

beforeAll(() => cast.open());
afterAll(() => cast.close());

describe('describe your problem → institutions and brokers', () => {
  it('a visitor finds the fitting institution and broker, explained, and opens the institution’s page', async () => {
    const journey = new Journey('match-directories');
    const step = <T>(name: string, fn: () => Promise<T>) => journey.step(name, cast.pages, fn);
    const suffix = uniqueSuffix();
    const service = `白酒甲醇杂醇油检测${suffix.slice(-4)}`;
    const name = `河西白酒检验检测中心${suffix}`;
    let institutionId = '';
    let brokerId = '';

    await step('set-up', async () => {
      const inst = { username: `mdi${suffix}`, password: 'Testing-Centre-2024!' };
      await registerEnterprise(baseUrl, { orgName: `河西检测${suffix}`, username: inst.username, password: inst.password });
      const admin = await apiAs(baseUrl, 'admin', adminPassword);
      const reviewerName = `mdr${suffix}`;
      const brokerName = `mdb${suffix}`;
      await createAccount(baseUrl, admin, { username: reviewerName, displayName: '王审核', roles: ['reviewer'] }, 'Reviewer-Strong-2024!');
      await createAccount(baseUrl, admin, { username: brokerName, displayName: '张经纪', roles: ['broker'] }, 'Broker-Strong-2024!');
      const rev = await apiAs(baseUrl, reviewerName, 'Reviewer-Strong-2024!');
      const owner = await apiAs(baseUrl, inst.username, inst.password);
      const s = (await owner.get('/api/v1/session')) as { user: { organisation: { id: string } } };
      await rev.post(`/api/v1/organisations/${s.user.organisation.id}/verification`, { decision: 'verified' });
      const created = (await owner.post('/api/v1/institutions', { content: { name, types: ['testing'], summary: '食品与白酒检验检测，出具具有资质的检测报告。' } })) as { id: string };
      institutionId = created.id;
      await owner.post(`/api/v1/institutions/${institutionId}/submit`);
      await rev.post(`/api/v1/institutions/${institutionId}/approve`);
      await owner.post(`/api/v1/institutions/${institutionId}/services`, { category: 'testing', name: service, description: '白酒中甲醇、杂醇油、总酸总酯的理化检测。', priceFen: 30000 });
      const broker = await apiAs(baseUrl, brokerName, 'Broker-Strong-2024!');
      const b = (await broker.post('/api/v1/brokers', { content: { name: `张经纪${suffix.slice(-4)}`, grade: 'senior', expertise: ['白酒酿造', '检验检测'], bio: '熟悉白酒酿造工艺和质量检测，撮合检测服务。' } })) as { id: string };
      brokerId = b.id;
      await broker.post(`/api/v1/brokers/${brokerId}/submit`);
      await rev.post(`/api/v1/brokers/${brokerId}/approve`);
    });

    const visitor = await cast.person();
    await step('describe', async () => {
      await visitor.goto('/match');
      await visitor.getByTestId('describe-text').fill('我们酒厂的白酒甲醇和杂醇油可能超标，需要有资质的检测机构做理化检测。');
      await visitor.getByTestId('describe-submit').click();
      await visitor.getByTestId('describe-tab-institution').click();
      const item = visitor.getByTestId('describe-results-institutions').locator(`[data-testid="directory-match-item"][data-id="${institutionId}"]`);
      await item.waitFor();
      await expect.poll(async () => item.getByTestId('directory-match-services').textContent()).toContain(service);
      await expect.poll(async () => item.locator('.cg-match-term').allTextContents()).toEqual(expect.arrayContaining(['检测']));
      await journey.shot(visitor, 'institutions');
    });

    await step('people', async () => {
      await visitor.getByTestId('describe-tab-people').click();
      const people = visitor.getByTestId('describe-results-people');
      await people.locator(`[data-testid="directory-match-item"][data-id="${brokerId}"]`).waitFor();
      await people.getByText('评审专家库仅对科技局工作人员显示').waitFor();
      await journey.shot(visitor, 'people');
    });

    await step('open-entry', async () => {
      await visitor.getByTestId('describe-tab-institution').click();
      await visitor.getByTestId('describe-results-institutions').locator(`[data-testid="directory-match-item"][data-id="${institutionId}"]`).getByTestId('directory-match-open').click();
      await visitor.waitForURL(new RegExp(`/directory/institutions/${institutionId}`));
      await visitor.getByText(name).first().waitFor();
      await journey.shot(visitor, 'entry');
    });
  });
});
