/**
 * Devices: every TV, computer and browser signed in to the account. This one can be renamed; any
 * other can be signed out from here, which sends it straight back to its sign-in screen.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DeviceSummary } from '../../../shared/bridge';
import type { AccountSummary } from '../../../shared/types';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { BrowserIcon, TvIcon } from '../components/Icons';
import { RenameDeviceDialog } from '../components/RenameDeviceDialog';
import { ScreenBar } from '../components/ScreenBar';
import { deviceFacts, formatAgo, locationText, sortDevices } from '../devices';
import { useDevices } from '../hooks/useDevices';
import type { Load } from '../hooks/useResult';
import { isTyping, useKeys } from '../hooks/useKeys';
import { usePasswordGate } from '../hooks/usePasswordGate';
import { FocusButton, FocusScreen } from '../spatial';
import { useBridge } from '../hooks/useBridge';

export interface DevicesProps {
  account: AccountSummary;
  /** True while the "Sign out of all devices" page is on top. */
  covered: boolean;
  onBack: () => void;
  /** "Sign out of all devices"; not offered (undefined) to a Kids profile or in kiosk mode. */
  onSignOutAllDevices?: () => void;
  onSwitchProfile?: () => void;
}

const FAILED = 'Something went wrong. Please try again.';

/** How often "Last active …" is re-worded while the screen stays open. */
const CLOCK_MS = 30_000;

type Dialog =
  | { kind: 'rename'; device: DeviceSummary }
  | { kind: 'sign-out'; device: DeviceSummary };

export function Devices({ account, covered, onBack, onSignOutAllDevices, onSwitchProfile }: DevicesProps) {
  const bridge = useBridge();
  const { load, fetchedAt, refresh, reload } = useDevices(bridge);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [pending, setPending] = useState(false);
  // From a Kids profile the service asks for the account password to sign another device out.
  const gate = usePasswordGate();
  const [dialogError, setDialogError] = useState<string | null>(null);
  // What we just did, shown at once until the next answer from the service says it for itself.
  const [optimistic, setOptimistic] = useState<Optimistic | null>(null);
  const clock = useClock(CLOCK_MS);
  const now = Math.max(clock, fetchedAt);
  const body = useRef<HTMLElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const retry = useRef<HTMLButtonElement>(null);
  const allDevicesBtn = useRef<HTMLButtonElement>(null);
  const backBtn = useRef<HTMLButtonElement>(null);
  /** Where focus goes once a dialog closes: a row's button by device id, else by position. */
  const focusAfter = useRef<{ id: string | null; index: number } | null>(null);
  /** The position of the row button focused last, for when that row goes away. */
  const lastIndex = useRef(0);
  const prevStatus = useRef<Load<DeviceSummary[]>['status']>('loading');
  const wasCovered = useRef(covered);
  const live = useRef(true);

  const devices = load.status === 'ok' ? applyOptimistic(sortDevices(load.value), load, optimistic) : [];

  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const rowButtons = () =>
    Array.from(body.current?.querySelectorAll<HTMLButtonElement>('button[data-device]') ?? []);

  /** Focus a row's button by device id, else the row at `index`, else the footer. */
  const focusRow = (id: string | null, index: number) => {
    const rows = rowButtons();
    const exact = id ? rows.find((b) => b.dataset.device === id) : undefined;
    const target = exact ?? rows[Math.min(index, rows.length - 1)] ?? allDevicesBtn.current ?? backBtn.current;
    target?.focus();
  };

  // Focus follows what is on screen: the first row when the list arrives, "Try again" on an
  // error, the opener when a dialog or the sign-out-all page closes, a neighbour when a row goes.
  useLayoutEffect(() => {
    const was = prevStatus.current;
    prevStatus.current = load.status;
    const uncovered = wasCovered.current && !covered;
    wasCovered.current = covered;
    if (covered || dialog || gate.open) return;
    if (uncovered) {
      allDevicesBtn.current?.focus();
      return;
    }
    if (load.status === 'error') {
      if (was !== 'error') retry.current?.focus();
      return;
    }
    if (load.status !== 'ok') return;
    const active = document.activeElement;
    const lost = !active || active === document.body || !body.current?.parentElement?.contains(active);
    if (was !== 'ok' || lost) {
      const after = focusAfter.current;
      focusAfter.current = null;
      focusRow(after?.id ?? null, after?.index ?? (was !== 'ok' ? 0 : lastIndex.current));
    }
  });

  // A long list scrolls (no scrollbar): a soft fade at an edge says there is more that way.
  useLayoutEffect(() => {
    const el = list.current;
    if (!el) return;
    const update = () => {
      el.dataset.more = moreIndicator(el);
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      el.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  });

  useKeys(!covered && dialog === null && !gate.open, (e) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e)) return;
    if (e.key === 'Escape' || e.key === 'Backspace') {
      e.preventDefault();
      onBack();
      return;
    }
    // Arrows are spatial navigation's (rows, then the footer's buttons side by side).
  });

  const open = (d: Dialog) => {
    setDialogError(null);
    setPending(false);
    setDialog(d);
  };

  const close = (returnTo: { id: string | null; index: number }) => {
    focusAfter.current = returnTo;
    setDialog(null);
    setDialogError(null);
    setPending(false);
  };

  const placeOf = (id: string) => ({ id, index: Math.max(0, devices.findIndex((d) => d.id === id)) });

  const rename = async (device: DeviceSummary, name: string) => {
    if (name === device.name) return close(placeOf(device.id));
    setPending(true);
    setDialogError(null);
    const res = await bridge.renameDevice(device.id, name).catch(() => null);
    if (!live.current) return;
    if (res && res.ok) {
      setOptimistic({ base: load, renamed: { id: device.id, name } });
      refresh();
      close(placeOf(device.id));
      return;
    }
    setPending(false);
    setDialogError(res ? res.error.message : FAILED);
  };

  const signOutDevice = async (device: DeviceSummary) => {
    setPending(true);
    setDialogError(null);
    const res = await gate.run((password) => bridge.signOutDevice(device.id, password), {
      // The password dialog takes the confirmation's place.
      beforeAsking: () => close(placeOf(device.id)),
    });
    if (!live.current) return;
    if (res === null) return;
    if (res.ok) {
      // The row goes at once; focus lands on the row that takes its place.
      const at = devices.findIndex((d) => d.id === device.id);
      const next = devices[at + 1] ?? devices[at - 1];
      setOptimistic({ base: load, removed: device.id });
      refresh();
      close({ id: next?.id ?? null, index: Math.max(0, at) });
      return;
    }
    setPending(false);
    setDialogError(res ? res.error.message : FAILED);
    // It may be gone already (signed out elsewhere): let the list catch up behind the dialog.
    if (res && res.error.code === 'not_found') refresh();
  };

  const others = devices.filter((d) => !d.current).length;

  return (
    <div
      className={`screen devices${covered ? ' is-covered' : ''}`}
      aria-hidden={covered || undefined}
      inert={covered}
    >
      <FocusScreen focusKey="devices" className="devices__content" covered={covered || dialog !== null || gate.open}>
        <ScreenBar onSwitchProfile={onSwitchProfile} />
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
              <FocusButton ref={retry} className="btn" onClick={reload}>
                Try again
              </FocusButton>
            </div>
          ) : null}
          {load.status === 'ok' ? (
            <ul
              ref={list}
              className="devices__list"
              aria-label="Signed-in devices"
              onFocus={(e) => {
                const i = rowButtons().indexOf(e.target as unknown as HTMLButtonElement);
                if (i >= 0) lastIndex.current = i;
              }}
            >
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
          <div className="devices__footer">
            {onSignOutAllDevices ? (
              <FocusButton ref={allDevicesBtn} className="btn" onClick={onSignOutAllDevices}>
                Sign out of all devices
              </FocusButton>
            ) : null}
            <FocusButton ref={backBtn} className="btn btn--quiet" onClick={onBack}>
              Back
            </FocusButton>
          </div>
        </main>
      </FocusScreen>
      {dialog?.kind === 'rename' ? (
        <RenameDeviceDialog
          initialName={dialog.device.name}
          pending={pending}
          error={dialogError}
          onSave={(name) => void rename(dialog.device, name)}
          onCancel={() => close(placeOf(dialog.device.id))}
        />
      ) : null}
      {dialog?.kind === 'sign-out' ? (
        <ConfirmDialog
          title={`Sign out ${dialog.device.name}?`}
          body={`${dialog.device.name} goes back to its sign-in screen right away. To watch there again, someone will need to sign in with the account password.`}
          yesLabel="Sign out"
          noLabel="Cancel"
          pending={pending}
          pendingLabel="Signing out…"
          error={dialogError}
          onYes={() => void signOutDevice(dialog.device)}
          onNo={() => close(placeOf(dialog.device.id))}
        />
      ) : null}
      {gate.dialog}
    </div>
  );
}

/** A change the service has confirmed, applied to the list it was made against. */
interface Optimistic {
  base: Load<DeviceSummary[]>;
  renamed?: { id: string; name: string };
  removed?: string;
}

function applyOptimistic(
  devices: DeviceSummary[],
  load: Load<DeviceSummary[]>,
  o: Optimistic | null,
): DeviceSummary[] {
  // A newer answer from the service replaces our guess.
  if (!o || o.base !== load) return devices;
  return devices
    .filter((d) => d.id !== o.removed)
    .map((d) => (o.renamed && d.id === o.renamed.id ? { ...d, name: o.renamed.name } : d));
}

/** Which edges of a scrolled list hide more rows. */
function moreIndicator(el: HTMLElement): string {
  const up = el.scrollTop > 2;
  const down = el.scrollTop + el.clientHeight < el.scrollHeight - 2;
  return up && down ? 'both' : up ? 'up' : down ? 'down' : 'none';
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
          {deviceFacts(d).map((fact) => (
            <span key={fact}>{fact}</span>
          ))}
          <span>{locationText(d.location)}</span>
        </p>
        <p className="device__meta">
          <span>Last active {formatAgo(d.lastActiveAt, now)}</span>
          {d.lastProfile ? <span>Watching as {d.lastProfile}</span> : null}
        </p>
      </div>
      <div className="device__action">
        {d.current ? (
          <FocusButton className="btn" data-device={d.id} onClick={onRename}>
            Rename this device
          </FocusButton>
        ) : (
          <FocusButton
            className="btn"
            data-device={d.id}
            aria-label={`Sign out ${d.name}`}
            onClick={onSignOut}
          >
            Sign out
          </FocusButton>
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
