import { Locator, Page } from 'playwright-core';

/** The form's section list down the left (multi-page forms). */
export function sideNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Form sections' });
}

/** Waits until the form shows the section (page) with this title. */
export async function formSection(page: Page, title: string): Promise<void> {
  await page.locator('#form-page-heading', { hasText: title }).waitFor();
}
