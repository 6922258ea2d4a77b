/**
 * The route guard: the screen is a function of the session state. Leaving "signed-in" unmounts
 * the whole signed-in tree, so a chosen profile, an open screen or an open dialog cannot survive
 * a sign-out (ours, or one pushed from another device).
 */
import { useState } from 'react';
import type { AccountSummary, Profile } from '../../shared/types';
import type { CouchsideBridge } from '../../shared/bridge';
import { OfflineBanner } from './components/OfflineBanner';
import { useSession } from './hooks/useSession';
import { Devices } from './screens/Devices';
import { Home } from './screens/Home';
import { ProfilePicker } from './screens/ProfilePicker';
import { Settings } from './screens/Settings';
import { SignIn } from './screens/SignIn';
import { SignOutAllDevices } from './screens/SignOutAllDevices';
import { Splash } from './screens/Splash';

export function App({ bridge }: { bridge: CouchsideBridge }) {
  const session = useSession(bridge);
  if (session === null) return <Splash offline={false} />;
  switch (session.status) {
    case 'restoring':
      return <Splash offline={session.offline} retryInSeconds={session.retryInSeconds} />;
    case 'signed-out':
      return <SignIn bridge={bridge} notice={session.notice} />;
    case 'signed-in':
      return (
        <>
          {session.offline ? <OfflineBanner /> : null}
          <SignedIn key={session.account.email} bridge={bridge} account={session.account} />
        </>
      );
  }
}

type Screen = 'home' | 'settings' | 'devices' | 'sign-out-all';

/** Everything behind sign-in; its state lives exactly as long as the signed-in session. */
function SignedIn({ bridge, account }: { bridge: CouchsideBridge; account: AccountSummary }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [screen, setScreen] = useState<Screen>('home');
  // The sign-out-all page opens from Settings or from Devices; Cancel goes back there.
  const [allFrom, setAllFrom] = useState<'settings' | 'devices'>('settings');

  const switchProfile = () => {
    setProfile(null);
    setScreen('home');
  };

  if (profile === null) {
    return (
      <ProfilePicker
        bridge={bridge}
        accountKey={account.email}
        onPick={(p) => {
          setProfile(p);
          setScreen('home');
          tellProfile(bridge, p.id);
        }}
      />
    );
  }

  return (
    <>
      <Home
        key={profile.id}
        bridge={bridge}
        profile={profile}
        covered={screen !== 'home'}
        onOpenSettings={() => setScreen('settings')}
        onSwitchProfile={switchProfile}
      />
      {screen !== 'home' ? (
        <Settings
          bridge={bridge}
          account={account}
          profile={profile}
          covered={screen !== 'settings'}
          onBack={() => setScreen('home')}
          onSwitchProfile={switchProfile}
          onOpenDevices={() => setScreen('devices')}
          onSignOutAllDevices={() => {
            setAllFrom('settings');
            setScreen('sign-out-all');
          }}
        />
      ) : null}
      {screen === 'devices' || (screen === 'sign-out-all' && allFrom === 'devices') ? (
        <Devices
          bridge={bridge}
          account={account}
          covered={screen !== 'devices'}
          onBack={() => setScreen('settings')}
          onSignOutAllDevices={() => {
            setAllFrom('devices');
            setScreen('sign-out-all');
          }}
        />
      ) : null}
      {screen === 'sign-out-all' ? (
        <SignOutAllDevices bridge={bridge} onCancel={() => setScreen(allFrom)} />
      ) : null}
    </>
  );
}

/** Tells the service which profile this device is on (for the devices list); never blocks. */
function tellProfile(bridge: CouchsideBridge, profileId: string): void {
  try {
    bridge.selectProfile(profileId).then(
      (res) => {
        if (!res.ok) console.warn('couchside: selectProfile:', res.error.message);
      },
      (err: unknown) => console.warn('couchside: selectProfile failed', err),
    );
  } catch (err) {
    console.warn('couchside: selectProfile failed', err);
  }
}
