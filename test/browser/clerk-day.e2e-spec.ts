import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Browser, Page } from 'playwright-core';
import { claimMembership, createOrganisation, createTestApp, loginAs, SignedInUser, TestApp } from '@themis/testing';
import { axeViolations, launchChromium, overflowsAt360 } from './browser-support';

jest.setTimeout(240_000);

/** A clerk's day in Chromium: upload a roster, approve a claim, find who is short, export. */
describe('Clerk’s day', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let clerk: SignedInUser;
  let claimant: SignedInUser;
  let bar: { id: string; apiKey: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'themis-clerk-'));

  beforeAll(async () => {
    [t, browser] = await Promise.all([createTestApp(), launchChromium()]);
    const admin = await loginAs(t, 'admin');
    clerk = await loginAs(t, 'learner', { fullName: 'Clerk Of The Bar' });
    claimant = await loginAs(t, 'learner', { fullName: 'Aytan Mammadova' });
    bar = await createOrganisation(t, admin, 'Browser Bar');
    await request(t.url).post(`/api/v1/admin/organisations/${bar.id}/grants`).set(admin.auth).send({ userId: clerk.id, grant: 'clerk' }).expect(201);
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${t.url}/sign-in`);
    await page.fill('#email', clerk.email);
    await page.fill('#password', clerk.password);
    await Promise.all([page.waitForEvent('load'), page.click('form[action="/sign-in"] button[type="submit"]')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('uploads a roster, approves a claim, finds who is short and exports the list', async () => {
    await page.goto(`${t.url}/organisations`);
    await Promise.all([page.waitForEvent('load'), page.click(`a[href="/organisations/${bar.id}"]`)]);
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, Buffer.from('\uFEFFbarNumber;fullName\r\nB-1;Aytən Məmmədova\r\n;Nobody\r\n', 'utf8'));
    await page.setInputFiles('#roster', roster);
    await Promise.all([page.waitForEvent('load'), page.click('form[action*="/roster"] button[type="submit"]')]);
    expect(await page.locator('#main .alert').first().textContent()).toContain('1 members kept, 1 lines rejected.');

    await claimMembership(t, claimant, bar.id, 'B-1').expect(201);
    await page.goto(`${t.url}/organisations/${bar.id}`);
    await Promise.all([page.waitForEvent('load'), page.click('form[action$="/decision"] input[value="approve"] + button')]);
    expect((await request(t.url).get('/api/v1/me/memberships').set(claimant.auth).expect(200)).body[0].status).toBe('verified');

    await page.selectOption('#status', 'short');
    await Promise.all([page.waitForEvent('load'), page.click('form[action$="#compliance"] button[type="submit"]')]);
    expect(await page.locator('tr[data-status="short"] td').first().textContent()).toBe('Aytan Mammadova');
    expect(await axeViolations(page, 'clerk-console')).toEqual([]);
    expect(await overflowsAt360(page)).toBe(false);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="format=xlsx"]')]);
    const file = path.join(dir, 'export.xlsx');
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets[0]!.getRow(2).getCell(2).value).toBe('Aytan Mammadova');
    expect(book.worksheets[0]!.getRow(2).getCell(3).value).toBe('short');
  });
});
