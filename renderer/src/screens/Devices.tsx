/**
 * Devices: every TV, computer and browser signed in to the account. This one can be renamed; any
 * other can be signed out from here, which sends it straight back to its sign-in screen.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { CouchsideBridge, DeviceSummary } from '../../../shared/bridge';
import type { AccountSummary } from '../../../shared/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { BrowserIcon, TvIcon } from '../components/Icons';
import { RenameDeviceDialog } from '../components/RenameDeviceDialog';
import { Wordmark } from '../components/Wordmark';
import { describeDevice, formatAgo, sortDevices } from '../devices';
import { step } from '../focus';
import { useDevices } from '../hooks/useDevices';
import { isTyping, useKeys } from '../hooks/useKeys';

export interface DevicesProps {
  bridge: CouchsideBridge;
  account: AccountSummary;
  /** True while the "Sign out of all devices" page is on top. */
  covered: boolean;
  onBack: () => void;
  onSignOutAllDevices: () => void;
}

const FAILED = 'Something went wrong. Please try again.';

/** How often "Last active …" is re-worded while the screen stays open. */
const CLOCK_MS = 30_000;

type Dialog =
  | { kind: 'rename'; device: DeviceSummary }
  | { kind: 'sign-out'; device: DeviceSummary };

export function Devices({ bridge, account, covered, onBack, onSignOutAllDevices }: DevicesProps) {
  const { load, refresh } = useDevices(bridge);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [pending, setPending] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const now = useClock(CLOCK_MS);
  const body = useRef<HTMLElement>(null);
  const footer = useRef<HTMLDivElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const allDevicesBtn = useRef<HTMLButtonElement>(null);
  /** The row button to return to (by device id) once a dialog closes or the list changes. */
  const focusAfter = useRef<{ id: string; index: number } | null>(null);
  const wasCovered = useRef(covered);
  const firstFocusDone = useRef(false);
  const live = useRef(true);

  const devices = load.status === 'ok' ? sortDevices(load.value) : [];

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const rowButtons = () =>
    Array.from(body.current?.querySelectorAll<HTMLButtonElement>('button[data-device]') ?? []);
  const allButtons = () =>
    Array.from(body.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);

  /** Focus a row's button by device id, else the row now at the same place, else the footer. */
  const focusRow = (id: string | null, index = 0) => {
    const rows = rowButtons();
    const exact = id ? rows.find((b) => b.dataset.device === id) : undefined;
    const target = exact ?? rows[Math.min(index, rows.length - 1)] ?? allDevicesBtn.current;
    target?.focus();
  };

  // The first answer puts focus on the first row (or on "Try again"); later ones keep it in place.
  useLayoutEffect(() => {
    if (covered || dialog) return;
    if (load.status === 'error') {
      retry.current?.focus();
      firstFocusDone.current = false;
      return;
    }
    if (load.status !== 'ok') return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !body.current?.contains(active);
    if (!firstFocusDone.current || lost) {
      firstFocusDone.current = true;
      const after = focusAfter.current;
      focusAfter.current = null;
      focusRow(after?.id ?? null, after?.index ?? 0);
    }
  });

  // Back from the sign-out-all page: focus returns to the button that opened it.
  useEffect(() => {
    if (wasCovered.current && !covered) allDevicesBtn.current?.focus();
    wasCovered.current = covered;
  }, [covered]);

  useKeys(!covered && dialog === null, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
      return;
    }
    const active = document.activeElement as HTMLButtonElement | null;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      // One column: the rows' buttons, then the footer (whose buttons sit side by side).
      const footerBtns = Array.from(footer.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
      const column = allButtons().filter((b) => b === footerBtns[0] || !footerBtns.includes(b));
      const inFooter = active ? footerBtns.includes(active) : false;
      const at = inFooter ? column.indexOf(footerBtns[0]!) : column.indexOf(active!);
      const next = at < 0 ? 0 : step(at, column.length, e.key === 'ArrowUp' ? -1 : 1);
      const target = column[next];
      target?.focus();
      target?.scrollIntoView({ block: 'nearest' });
      return;
    }
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      const footerBtns = Array.from(footer.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
      const at = active ? footerBtns.indexOf(active) : -1;
      if (at < 0) return;
      e.preventDefault();
      footerBtns[step(at, footerBtns.length, e.key === 'ArrowLeft' ? -1 : 1)]?.focus();
    }
  });

  const open = (d: Dialog) => {
    setDialogError(null);
    setPending(false);
    setDialog(d);
  };

  const close = (returnTo: { id: string; index: number } | null) => {
    setDialog(null);
    setDialogError(null);
    setPending(false);
    requestAnimationFrame(() => {
      if (!live.current) return;
      focusAfter.current = returnTo;
      focusRow(returnTo?.id ?? null, returnTo?.index ?? 0);
    });
  };

  const indexOf = (id: string) => Math.max(0, devices.findIndex((d) => d.id === id));

  const rename = async (device: DeviceSummary, name: string) => {
    if (name === device.name) {
      close({ id: device.id, index: indexOf(device.id) });
      return;
    }
    setPending(true);
    setDialogError(null);
    const res = await bridge.renameDevice(device.id, name).catch(() => null);
    if (!live.current) return;
    if (res && res.ok) {
      refresh(true);
      close({ id: device.id, index: indexOf(device.id) });
      return;
    }
    setPending(false);
    setDialogError(res ? res.error.message : FAILED);
  };

  const signOutDevice = async (device: DeviceSummary) => {
    setPending(true);
    setDialogError(null);
    const res = await bridge.signOutDevice(device.id).catch(() => null);
    if (!live.current) return;
    if (res && res.ok) {
      refresh(true);
      // The row goes away: focus lands on the row that takes its place.
      close({ id: '', index: indexOf(device.id) });
      return;
    }
    setPending(false);
    setDialogError(res ? res.error.message : FAILED);
    // It may be gone already (signed out elsewhere): let the list catch up behind the dialog.
    if (res && res.error.code === 'not_found') refresh(true);
  };

  const others = devices.filter((d) => !d.current).length;

  return (
    <div
      className={`screen devices${covered ? ' is-covered' : ''}`}
      aria-hidden={covered || undefined}
      inert={covered}
    >
      <div className="devices__content" inert={dialog !== null} aria-hidden={dialog !== null || undefined}>
        <header className="settings__bar">
          <Wordmark size="sm" />
        </header>
        <main ref={body} className="devices__body" aria-busy={load.status === 'loading'}>
          <div className="devices__head">
            <h1 className="devices__title">Devices</h1>
            <p className="devices__lead">
              Where <strong>{account.email}</strong> is signed in to Couchside.
              {load.status === 'ok' ? ` ${countLine(devices.length, others)}` : null}
            </p>
          </div>
          {load.status === 'loading' ? (
            <div className="devices__loading">
              <span className="spinner" aria-hidden="true" />
              Loading devices…
            </div>
          ) : null}
          {load.status === 'error' ? (
            <div className="load-error devices__error">
              <p role="alert">{load.error.message}</p>
              <button ref={retry} type="button" className="btn" onClick={() => refresh()}>
                Try again
              </button>
            </div>
          ) : null}
          {load.status === 'ok' ? (
            <ul className="devices__list" aria-label="Signed-in devices">
              {devices.map((d) => (
                <DeviceRow
                  key={d.id}
                  device={d}
                  now={now}
                  onRename={() => open({ kind: 'rename', device: d })}
                  onSignOut={() => open({ kind: 'sign-out', device: d })}
                />
              ))}
            </ul>
          ) : null}
          <div ref={footer} className="devices__footer">
            <button
              ref={allDevicesBtn}
              type="button"
              className="btn devices__all"
              onClick={onSignOutAllDevices}
            >
              Sign out of all devices
            </button>
            <button type="button" className="btn btn--quiet" onClick={onBack}>
              Back
            </button>
          </div>
        </main>
      </div>
      {dialog?.kind === 'rename' ? (
        <RenameDeviceDialog
          initialName={dialog.device.name}
          pending={pending}
          error={dialogError}
          onSave={(name) => void rename(dialog.device, name)}
          onCancel={() => close({ id: dialog.device.id, index: indexOf(dialog.device.id) })}
        />
      ) : null}
      {dialog?.kind === 'sign-out' ? (
        <ConfirmDialog
          title={`Sign out ${dialog.device.name}?`}
          body={`${dialog.device.name} goes back to its sign-in screen right away. To watch there again, someone will need to sign in with the account password.`}
          yesLabel="Sign Out"
          noLabel="Cancel"
          pending={pending}
          pendingLabel="Signing out…"
          error={dialogError}
          onYes={() => void signOutDevice(dialog.device)}
          onNo={() => close({ id: dialog.device.id, index: indexOf(dialog.device.id) })}
        />
      ) : null}
    </div>
  );
}

function countLine(total: number, others: number): string {
  if (total === 0) return 'No devices are signed in.';
  if (others === 0) return 'Only this device is signed in.';
  return `${total} devices are signed in.`;
}

function DeviceRow({
  device: d,
  now,
  onRename,
  onSignOut,
}: {
  device: DeviceSummary;
  now: number;
  onRename: () => void;
  onSignOut: () => void;
}) {
  return (
    <li className={`device${d.current ? ' device--current' : ''}`}>
      <span className="device__icon">
        {d.kind === 'web' ? <BrowserIcon className="device__glyph" /> : <TvIcon className="device__glyph" />}
      </span>
      <div className="device__info">
        <p className="device__name">
          <span className="device__label">{d.name}</span>
          {d.current ? <span className="badge badge--current">This device</span> : null}
        </p>
        <p className="device__meta">
          <span>{describeDevice(d)}</span>
          <span>{d.location}</span>
        </p>
        <p className="device__meta">
          <span>Last active {formatAgo(d.lastActiveAt, now)}</span>
          {d.lastProfile ? <span>Watching as {d.lastProfile}</span> : null}
        </p>
      </div>
      <div className="device__action">
        {d.current ? (
          <button type="button" className="btn" data-device={d.id} onClick={onRename}>
            Rename this device
          </button>
        ) : (
          <button
            type="button"
            className="btn"
            data-device={d.id}
            aria-label={`Sign out ${d.name}`}
            onClick={onSignOut}
          >
            Sign out
          </button>
        )}
      </div>
    </li>
  );
}

/** The current time, updated every `ms` so relative times stay true while the screen is open. */
function useClock(ms: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}
