// @vitest-environment jsdom
/**
 * "Rename this device" by remote: OK on the name field opens the on-screen keyboard (a remote or
 * gamepad has no letters); after typing on a physical keyboard, Enter saves as a form does.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RenameDeviceDialog } from '../../../renderer/src/components/RenameDeviceDialog';
import { useTestLayout } from './spatial';

useTestLayout();
afterEach(cleanup);

function setup() {
  const onSave = vi.fn();
  const onCancel = vi.fn();
  render(<RenameDeviceDialog initialName="Living room TV" pending={false} error={null} onSave={onSave} onCancel={onCancel} />);
  return { onSave, onCancel, user: userEvent.setup(), field: screen.getByLabelText('Device name') as HTMLInputElement };
}

describe('RenameDeviceDialog', () => {
  it('OK on the field opens the on-screen keyboard; Done puts the name back in the field, focused', async () => {
    const { user, field, onSave } = setup();
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.keyboard('{Enter}');
    const keyboard = await screen.findByRole('dialog', { name: 'Device name' });
    expect(onSave).not.toHaveBeenCalled();
    const keys = within(keyboard).getByRole('group', { name: 'Keyboard' });
    await user.click(within(keys).getByRole('button', { name: 'Clear' }));
    for (const k of ['d', 'e', 'n']) await user.click(within(keys).getByRole('button', { name: new RegExp(`^${k}$`, 'i') }));
    await user.click(within(keyboard).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Device name' })).toBeNull());
    expect(field.value).toBe('Den');
    await waitFor(() => expect(document.activeElement).toBe(field));
    // The rename dialog is still open: Save sends the new name.
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).toHaveBeenCalledWith('Den');
  });

  it('after typing on a physical keyboard, Enter saves', async () => {
    const { user, field, onSave } = setup();
    await waitFor(() => expect(document.activeElement).toBe(field));
    await user.clear(field);
    await user.type(field, 'Kitchen{Enter}');
    expect(screen.queryByRole('dialog', { name: 'Device name' })).toBeNull();
    expect(onSave).toHaveBeenCalledWith('Kitchen');
  });
});
