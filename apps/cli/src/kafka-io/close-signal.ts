/** A promise and the callback that resolves it, for the operators' `onClose` options. */
export function closeSignal(): { closed: Promise<void>; onClose: () => void } {
  let onClose!: () => void;
  const closed = new Promise<void>((resolve) => (onClose = resolve));
  return { closed, onClose };
}
