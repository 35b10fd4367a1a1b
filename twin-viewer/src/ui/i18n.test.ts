import { describe, expect, it } from 'vitest';
import { currentLanguage, messages } from './i18n.ts';

describe('interface text', () => {
  it('is Simplified Chinese by default', () => {
    expect(currentLanguage()).toBe('zh');
  });

  it('has every message in both Chinese and English', () => {
    const zh = Object.keys(messages.zh).sort();
    expect(Object.keys(messages.en).sort()).toEqual(zh);
    for (const key of zh) {
      expect(messages.zh[key as keyof typeof messages.zh]).toMatch(/\S/);
      expect(messages.en[key as keyof typeof messages.en]).toMatch(/\S/);
    }
  });
});
