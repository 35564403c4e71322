/** The helpdesk, as the server wrote it into the page (SUPPORT_EMAIL, SUPPORT_PHONE, SUPPORT_HOURS). */
export interface SupportContact {
  email: string;
  phone?: string;
  hours?: string;
}

function meta(name: string): string | undefined {
  return document.querySelector<HTMLMetaElement>(`meta[name="portal:${name}"]`)?.content.trim() || undefined;
}

export const SUPPORT: SupportContact = {
  email: meta('support-email') ?? 'support@portal.local',
  phone: meta('support-phone'),
  hours: meta('support-hours'),
};

/** `tel:` wants the digits (and a leading +) only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}
