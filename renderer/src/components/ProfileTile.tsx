/**
 * What a profile tile shows, on "Who's watching?" and on "Manage profiles": the avatar with its
 * Kids badge and lock, and the name under it. The
 * button around it (and its accessible name) is the screen's; `children` adds overlays (e.g.
 * Manage profiles' edit badge).
 */
import type { ReactNode } from 'react';
import type { Profile } from '../../../shared/types';
import { Avatar } from './Avatar';
import { LockIcon } from './Icons';

export interface ProfileTileContentProps {
  profile: Profile;
  children?: ReactNode;
}

export function ProfileTileContent({ profile, children }: ProfileTileContentProps) {
  return (
    <>
      <span className="profile-tile__art">
        <Avatar avatarKey={profile.avatar || profile.name} className="profile-tile__avatar" />
        {children}
        {profile.kids ? (
          <span className="badge badge--kids" aria-hidden="true">
            Kids
          </span>
        ) : null}
        {profile.locked ? (
          <span className="profile-tile__lock" aria-hidden="true">
            <LockIcon />
          </span>
        ) : null}
      </span>
      <span className="profile-tile__name" aria-hidden="true">
        {profile.name}
      </span>
    </>
  );
}
