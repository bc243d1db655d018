// When the page is first seen. ord's grid pages hold up to a hundred tokens, each a sandboxed frame, and the browser
// loads those within a couple of screens of the viewport at once (68 of 100 in ord's grid at 1280x900); the frames share
// one thread, so every frame out of view that builds itself delays those in view. A page waits, without laying
// anything out, until its canvas is within the top-level viewport (an IntersectionObserver reports that even from a
// cross-origin, sandboxed frame) in a visible tab.

/** Runs start once: now if nothing can tell whether the page is seen, else when it first is. */
export function whenFirstSeen(el: Element, start: () => void): void {
  if (typeof IntersectionObserver === 'undefined') return start(); // an old browser: start as it always did
  let inView = false;
  const check = (): void => {
    if (!inView || document.visibilityState !== 'visible') return;
    observer.disconnect();
    document.removeEventListener('visibilitychange', check);
    start();
  };
  const observer = new IntersectionObserver((entries) => {
    inView = entries[entries.length - 1].isIntersecting;
    check();
  });
  observer.observe(el);
  document.addEventListener('visibilitychange', check);
}
