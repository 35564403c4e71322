import { Page } from 'playwright-core';

export interface FocusStop {
  tag: string;
  id: string;
  role: string | null;
  type: string | null;
  name: string;
  checked: boolean | null;
  /** Something on screen shows where focus is (GOV.UK's yellow outline, box shadow or background). */
  visible: boolean;
  /** The focused element (or, for radios and checkboxes, their drawn box) is inside the viewport. */
  inView: boolean;
}

/** Where keyboard focus is now, and whether a sighted keyboard user can see it. */
export async function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const w = globalThis as any;
    const el = w.document.activeElement;
    const visibleStyle = (style: any): boolean => {
      const outline =
        style.outlineStyle !== 'none' &&
        parseFloat(style.outlineWidth) > 0 &&
        !/rgba\(0, 0, 0, 0\)|transparent/.test(style.outlineColor);
      const shadow = style.boxShadow && style.boxShadow !== 'none';
      const yellow = style.backgroundColor === 'rgb(255, 221, 0)';
      return Boolean(outline || shadow || yellow);
    };
    // On a date input's calendar button (inside the browser's own shadow DOM) the input is not
    // :focus but :focus-within, and the portal draws GOV.UK's focus style for it (no exemption for
    // the browser's thin native ring).
    let visible = visibleStyle(w.getComputedStyle(el));
    let box = el.getBoundingClientRect();
    const type = el.getAttribute('type');
    if ((type === 'radio' || type === 'checkbox') && el.labels?.[0]) {
      // GOV.UK hides the native control and draws the focus ring around the label's ::before box.
      visible = visible || visibleStyle(w.getComputedStyle(el.labels[0], '::before'));
      box = el.labels[0].getBoundingClientRect();
    }
    const label = el.getAttribute('aria-label') || (el.labels?.[0]?.innerText ?? '') || el.innerText || el.value || '';
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id ?? '',
      role: el.getAttribute('role'),
      type,
      name: String(label).replace(/\s+/g, ' ').trim().slice(0, 100),
      checked: typeof el.checked === 'boolean' && (type === 'radio' || type === 'checkbox') ? el.checked : null,
      visible,
      inView: box.bottom > 0 && box.top < w.innerHeight && box.right > 0 && box.left < w.innerWidth,
    };
  });
}

/** Presses a key and reports where focus went. */
export async function press(page: Page, key: string): Promise<FocusStop> {
  await page.keyboard.press(key);
  return focusStop(page);
}

/**
 * Tabs forwards (or backwards) until `matches` says focus has arrived, failing if it takes more
 * than `max` presses. Every stop on the way must show a visible focus indicator.
 */
export async function tabUntil(
  page: Page,
  matches: (stop: FocusStop) => boolean,
  options: { backwards?: boolean; max?: number; what?: string } = {},
): Promise<{ stop: FocusStop; path: FocusStop[] }> {
  const path: FocusStop[] = [];
  for (let i = 0; i < (options.max ?? 40); i++) {
    const stop = await press(page, options.backwards ? 'Shift+Tab' : 'Tab');
    path.push(stop);
    if (stop.tag !== 'body' && !stop.visible) {
      throw new Error(`Focus is not visible on ${describeStop(stop)} (path: ${path.map(describeStop).join(' → ')})`);
    }
    if (matches(stop)) return { stop, path };
  }
  throw new Error(`Never reached ${options.what ?? 'the target'} by keyboard; path: ${path.map(describeStop).join(' → ')}`);
}

export function describeStop(stop: FocusStop): string {
  return `${stop.tag}${stop.id ? `#${stop.id}` : ''}${stop.type ? `[${stop.type}]` : ''} "${stop.name}"`;
}
