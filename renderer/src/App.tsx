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

type Screen = 'home' | 'settings' | 'sign-out-all';

/** Everything behind sign-in; its state lives exactly as long as the signed-in session. */
function SignedIn({ bridge, account }: { bridge: CouchsideBridge; account: AccountSummary }) {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [screen, setScreen] = useState<Screen>('home');

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
          covered={screen === 'sign-out-all'}
          onBack={() => setScreen('home')}
          onSwitchProfile={switchProfile}
          onSignOutAllDevices={() => setScreen('sign-out-all')}
        />
      ) : null}
      {screen === 'sign-out-all' ? (
        <SignOutAllDevices bridge={bridge} onCancel={() => setScreen('settings')} />
      ) : null}
    </>
  );
}
