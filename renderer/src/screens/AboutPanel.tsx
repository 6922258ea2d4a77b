/**
 * Settings → About: the app's version and host, and the service it talks to: the service's
 * address, the account page's address with a QR code (sign out of all devices, approve a code),
 * and "Let phones on this network open the account page" — off by default, offered where this app
 * started the service itself, kept from Kids profiles and kiosk visitors. While it is on, the
 * panel shows the local-network address and its QR code, and says the demo service has no TLS.
 */
import { QRCodeSVG } from 'qrcode.react';
import { useState } from 'react';
import type { AppInfo, CouchsideBridge, KioskState, ServiceInfo } from '../../../shared/bridge';
import type { Profile } from '../../../shared/types';
import { TvSwitch } from '../components/TvControls';
import { useBridgeValue } from '../hooks/useBridgeValue';
import { useBridge } from '../hooks/useBridge';

export const LAN_LABEL = 'Let phones on this network open the account page';
export const LAN_HELP = 'The demo service has no TLS (plain http): passwords cross the network unencrypted. Use it on a home network only.';
export const LAN_KIDS = 'Only an adult profile can change this.';
export const LAN_KIOSK = 'Not while kiosk mode is on.';
const LAN_FAILED = 'The setting could not be changed. Please try again.';

export interface AboutPanelProps {
  info: AppInfo | null;
  kiosk: KioskState;
  profile: Profile;
}

export function AboutPanel({ info, kiosk, profile }: AboutPanelProps) {
  const bridge = useBridge();
  const service = useServiceInfo(bridge);
  if (!info) return <p className="settings-panel__note">Loading…</p>;
  return (
    <>
      <dl className="facts">
        <div className="facts__row">
          <dt>Version</dt>
          <dd>Couchside {info.version}</dd>
        </div>
        <div className="facts__row">
          <dt>Running in</dt>
          <dd>{info.host === 'electron' ? 'The Couchside app (Electron)' : 'A web browser (web host)'}</dd>
        </div>
        <div className="facts__row">
          <dt>Service</dt>
          <dd>
            <span className="facts__url">{service.info?.url ?? info.serverUrl}</span>
            <span className="facts__sub">
              {service.info?.startedHere ? 'Started by this app' : 'Started elsewhere (this app was given its address)'}
              {kiosk.enabled ? ' · Kiosk mode is on' : ''}
            </span>
          </dd>
        </div>
        {service.info?.problem ? (
          <div className="facts__row">
            <dt>Service problem</dt>
            <dd role="alert">{service.info.problem}</dd>
          </div>
        ) : null}
      </dl>
      {service.info ? <ServiceAccess service={service} kiosk={kiosk} profile={profile} /> : null}
    </>
  );
}

/** The account page (with its QR code) and the local-network switch. */
function ServiceAccess({ service, kiosk, profile }: { service: ServiceState; kiosk: KioskState; profile: Profile }) {
  const info = service.info!;
  const lanUrl = info.lan.enabled ? info.lan.accountUrls[0] : undefined;
  const locked = profile.kids ? LAN_KIDS : kiosk.enabled ? LAN_KIOSK : null;
  const shown = lanUrl ?? info.accountUrl;
  return (
    <div className="about-service">
      {info.lan.unavailable ? (
        <p className="tv-field__help">{info.lan.unavailable}</p>
      ) : locked ? (
        <p className="tv-field__help">
          {LAN_LABEL}: <strong>{info.lan.enabled ? 'On' : 'Off'}</strong>. {locked}
        </p>
      ) : (
        <TvSwitch
          label={LAN_LABEL}
          checked={info.lan.enabled}
          busy={service.busy}
          onToggle={() => void service.setLan(!info.lan.enabled)}
          description={LAN_HELP}
          error={service.error ?? info.lan.problem ?? undefined}
        />
      )}
      <div className="about-service__page">
        <div className="about-service__text">
          <h3 className="about-service__title">Account page</h3>
          <p className="facts__url">{shown}</p>
          {info.lan.accountUrls.length > 1 ? <p className="tv-field__help">Also at {info.lan.accountUrls.slice(1).join(', ')}</p> : null}
          <p className="tv-field__help">
            {lanUrl
              ? 'Phones on this network can open it to sign out of all devices or approve a sign-in code.'
              : 'Only this computer can open it (sign out of all devices, approve a sign-in code).'}
          </p>
        </div>
        <figure className="about-service__qr">
          <QRCodeSVG
            value={shown}
            size={256}
            marginSize={4}
            bgColor="#ffffff"
            fgColor="#000000"
            level="M"
            role="img"
            aria-label={`QR code for the account page, ${shown}`}
            className="about-service__qr-art"
          />
          <figcaption>{lanUrl ? 'Scan with a phone on this network' : 'On this computer'}</figcaption>
        </figure>
      </div>
    </div>
  );
}

interface ServiceState {
  info: ServiceInfo | null;
  busy: boolean;
  error: string | null;
  setLan(on: boolean): Promise<void>;
}

const readServiceInfo = (bridge: CouchsideBridge) => bridge.getServiceInfo();

/** The service part of About, and the local-network switch's round trip. */
function useServiceInfo(bridge: CouchsideBridge): ServiceState {
  const [info, setInfo] = useBridgeValue(bridge, readServiceInfo);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const setLan = async (on: boolean) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const r = await bridge.setLanAccess(on);
      if (r.ok) setInfo(r.value);
      else setError(r.error.message);
    } catch {
      setError(LAN_FAILED);
    } finally {
      setBusy(false);
    }
  };
  return { info, busy, error, setLan };
}
