// @vitest-environment jsdom
/**
 * Settings in sections: the column of sections, the panel of the one in focus, Enter into the
 * panel and Back out of it, and the preferences it saves (autoplay, UI scale applied app-wide).
 */
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CouchsideBridge, DevicePreferences, ServiceInfo } from '../../../shared/bridge';
import { App } from '../../../renderer/src/App';
import { AUTOPLAY_LABEL, UI_SCALE_LABEL } from '../../../renderer/src/screens/Settings';
import { LAN_HELP, LAN_KIDS, LAN_LABEL } from '../../../renderer/src/screens/AboutPanel';
import { ACCOUNT, fakeBridge, lanInfo, PROFILES, SERVICE_OWN } from './fakeBridge';
import { useTestLayout } from './spatial';

useTestLayout();

afterEach(() => {
  cleanup();
  document.documentElement.removeAttribute('style');
});

const fail = (message: string) => Promise.resolve({ ok: false as const, error: { code: 'failed' as const, message } });

async function toSettings(opts: { preferences?: Partial<DevicePreferences>; over?: Partial<CouchsideBridge>; service?: ServiceInfo; as?: string } = {}) {
  const bridge = fakeBridge(opts);
  const user = userEvent.setup();
  render(<App bridge={bridge} />);
  await user.click(await screen.findByRole('button', { name: opts.as ?? 'Sam' }));
  await user.click(await screen.findByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings', level: 1 });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Account' })));
  return { bridge, user };
}

const tab = (name: string) => screen.getByRole('tab', { name });
const panel = () => screen.getByRole('tabpanel');

describe('Settings sections', () => {
  it('opens on Account: email, plan and member since', async () => {
    await toSettings();
    expect(tab('Account').getAttribute('aria-selected')).toBe('true');
    const account = screen.getByRole('tabpanel', { name: 'Account' });
    expect(within(account).getByText(ACCOUNT.email)).toBeTruthy();
    expect(within(account).getByText('Premium')).toBeTruthy();
    expect(within(account).getByText('4 screens at once')).toBeTruthy();
    expect(within(account).getByText('1 January 2020')).toBeTruthy();
    expect(within(account).getByText('Watching as Sam')).toBeTruthy();
  });

  it('shows the section in focus; Enter goes into its panel, Back returns to it, Back again closes', async () => {
    const { user } = await toSettings();
    act(() => tab('Playback').focus());
    expect(tab('Playback').getAttribute('aria-selected')).toBe('true');
    expect(tab('Account').getAttribute('aria-selected')).toBe('false');
    const autoplay = within(screen.getByRole('tabpanel', { name: 'Playback' })).getByRole('switch', { name: AUTOPLAY_LABEL });
    expect(screen.queryByText(ACCOUNT.email)).toBeNull();

    await user.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(autoplay));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(tab('Playback')));
    expect(screen.getByRole('heading', { name: 'Settings', level: 1 })).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('heading', { name: 'Settings', level: 1 })).toBeNull();
  });

  it('Backspace is Back too; a section with nothing to focus keeps focus in the column', async () => {
    const { user } = await toSettings();
    await user.click(tab('About'));
    expect(document.activeElement).toBe(tab('About'));
    const about = screen.getByRole('tabpanel', { name: 'About' });
    await within(about).findByText('Couchside 0.1.0');
    expect(within(about).getByText('http://127.0.0.1:4700')).toBeTruthy();
    expect(within(about).getByText('A web browser (web host)')).toBeTruthy();
    await user.keyboard('{Backspace}');
    expect(screen.queryByRole('heading', { name: 'Settings', level: 1 })).toBeNull();
  });

  it('Devices shows this device and "Manage devices" opens the Devices screen; Back returns to it', async () => {
    const devices = [
      { id: 'd1', name: 'Living room PC', platform: 'Linux', appVersion: '0.1.0', kind: 'device' as const, lastProfile: 'Sam', lastActiveAt: new Date().toISOString(), location: 'This computer', current: true },
      { id: 'd2', name: 'Bedroom TV', platform: 'Linux', appVersion: '0.1.0', kind: 'device' as const, lastProfile: null, lastActiveAt: new Date().toISOString(), location: 'Home network', current: false },
    ];
    const { user } = await toSettings({ over: { listDevices: vi.fn(() => Promise.resolve({ ok: true as const, value: devices })) } });
    await user.click(tab('Devices'));
    const p = panel();
    expect(await within(p).findByText('Living room PC')).toBeTruthy();
    expect(within(p).getByText('Bedroom TV')).toBeTruthy();
    const manage = within(p).getByRole('button', { name: 'Manage devices' });
    await user.click(manage);
    expect(await screen.findByRole('heading', { name: 'Devices', level: 1 })).toBeTruthy();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Devices', level: 1 })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Manage devices' })));
  });

  it('Profiles → "Manage profiles" opens Manage profiles; Done comes back to Settings', async () => {
    const { user } = await toSettings();
    await user.click(tab('Profiles'));
    await user.click(within(panel()).getByRole('button', { name: 'Manage profiles' }));
    expect(await screen.findByRole('heading', { name: 'Manage profiles', level: 1 })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('heading', { name: 'Manage profiles' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Manage profiles' })));
  });
});

describe('Playback', () => {
  it('saves "Autoplay next title" with setPreferences', async () => {
    const { bridge, user } = await toSettings();
    await user.click(tab('Playback'));
    const sw = within(panel()).getByRole('switch', { name: AUTOPLAY_LABEL });
    expect(sw.getAttribute('aria-checked')).toBe('true');
    await user.click(sw);
    expect(bridge.setPreferences).toHaveBeenCalledWith({ autoplayNext: false });
    await waitFor(() => expect(sw.getAttribute('aria-checked')).toBe('false'));
  });

  it('says so when the preference cannot be saved, and keeps the old value', async () => {
    const { user } = await toSettings({ over: { setPreferences: vi.fn(() => fail('The preference could not be saved.')) } });
    await user.click(tab('Playback'));
    const sw = within(panel()).getByRole('switch', { name: AUTOPLAY_LABEL });
    await user.click(sw);
    expect((await screen.findByRole('alert')).textContent).toBe('The preference could not be saved.');
    expect(sw.getAttribute('aria-checked')).toBe('true');
  });
});

describe('Display: text and tile size', () => {
  const root = () => document.documentElement.style;

  it('applies the stored size at startup', async () => {
    await toSettings({ preferences: { uiScale: 'large' } });
    expect(root().getPropertyValue('--ui-scale')).toBe('1.2');
    expect(root().fontSize).toMatch(/\*\s*1\.2\)$/);
  });

  it('choosing a size saves it and resizes the whole app at once; Medium leaves the stylesheet alone', async () => {
    const { bridge, user } = await toSettings();
    expect(root().fontSize).toBe('');
    await user.click(tab('Display'));
    const group = within(panel()).getByRole('radiogroup', { name: UI_SCALE_LABEL });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => r.textContent)).toEqual(['Small', 'Medium', 'Large']);
    expect(within(group).getByRole('radio', { name: 'Medium' }).getAttribute('aria-checked')).toBe('true');

    await user.click(within(group).getByRole('radio', { name: 'Small' }));
    expect(bridge.setPreferences).toHaveBeenCalledWith({ uiScale: 'small' });
    await waitFor(() => expect(root().fontSize).toMatch(/\*\s*0\.85\)$/));
    expect(within(group).getByRole('radio', { name: 'Small' }).getAttribute('aria-checked')).toBe('true');

    await user.click(within(group).getByRole('radio', { name: 'Medium' }));
    expect(bridge.setPreferences).toHaveBeenLastCalledWith({ uiScale: 'medium' });
    await waitFor(() => expect(root().fontSize).toBe(''));
    expect(root().getPropertyValue('--ui-scale')).toBe('1');
  });
});

describe('the entries at the foot of the column', () => {
  it('"Sign out" asks Yes/No; No keeps Settings open', async () => {
    const { bridge, user } = await toSettings();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign out of Couchside on this device?' });
    await user.click(within(dialog).getByRole('button', { name: 'No' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.signOut).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes' }));
    expect(bridge.signOut).toHaveBeenCalled();
  });
});

describe('Settings → About: the service and its account page', () => {
  const about = async (opts: Parameters<typeof toSettings>[0] = {}) => {
    const ctx = await toSettings(opts);
    await ctx.user.click(tab('About'));
    const p = screen.getByRole('tabpanel', { name: 'About' });
    await within(p).findByText('Account page');
    return { ...ctx, p };
  };

  it('a service started elsewhere: its address and account page with a QR code, and why the switch is not offered', async () => {
    const { p } = await about();
    expect(within(p).getByText('Started elsewhere (this app was given its address)')).toBeTruthy();
    expect(within(p).getByText('http://127.0.0.1:4700/account')).toBeTruthy();
    expect(within(p).getByRole('img', { name: 'QR code for the account page, http://127.0.0.1:4700/account' })).toBeTruthy();
    expect(within(p).queryByRole('switch', { name: LAN_LABEL })).toBeNull();
    expect(within(p).getByText(/uses a service it did not start/)).toBeTruthy();
  });

  it('its own service: the switch is off by default, says there is no TLS, and OK opens the account page to the network', async () => {
    const { p, user, bridge } = await about({ service: SERVICE_OWN });
    const lan = within(p).getByRole('switch', { name: LAN_LABEL });
    expect(lan.getAttribute('aria-checked')).toBe('false');
    expect(within(p).getByText(LAN_HELP)).toBeTruthy();
    act(() => lan.focus());
    await user.keyboard('{Enter}');
    expect(bridge.setLanAccess).toHaveBeenCalledWith(true);
    await waitFor(() => expect(lan.getAttribute('aria-checked')).toBe('true'));
    expect(within(p).getByText('http://192.168.1.20:4700/account')).toBeTruthy();
    expect(within(p).getByRole('img', { name: 'QR code for the account page, http://192.168.1.20:4700/account' })).toBeTruthy();
  });

  it('says why the network could not be opened, and keeps the switch as it was', async () => {
    const { p, user } = await about({
      service: SERVICE_OWN,
      over: { setLanAccess: vi.fn(() => fail('Could not open the service to the network (port 4700 is in use on 192.168.1.20).')) },
    });
    const lan = within(p).getByRole('switch', { name: LAN_LABEL });
    await user.click(lan);
    expect((await within(p).findByRole('alert')).textContent).toBe('Could not open the service to the network (port 4700 is in use on 192.168.1.20).');
    expect(lan.getAttribute('aria-checked')).toBe('false');
  });

  it('a Kids profile sees the setting but cannot change it', async () => {
    PROFILES.push({ id: 'p9', name: 'Kids', avatar: 'owl', maturity: 'kids', kids: true, locked: false, audioLanguage: 'en', subtitleLanguage: null });
    try {
      const { p } = await about({ service: lanInfo(SERVICE_OWN, true), as: 'Kids' });
      expect(within(p).queryByRole('switch', { name: LAN_LABEL })).toBeNull();
      expect(within(p).getByText(LAN_KIDS, { exact: false })).toBeTruthy();
    } finally {
      PROFILES.pop();
    }
  });
});
