// How the page is shown, and so what it draws. An explorer's grid puts a hundred tokens on one page, each a small frame
// (ord's children and inscriptions pages: 23% of a 50rem column, about 177 px); a tab may be hidden, a frame scrolled
// away. The page spends only on what a viewer can see:
// - not visible (the tab hidden, or the canvas outside the top-level viewport: an IntersectionObserver on it reports
//   that even from a cross-origin, sandboxed frame): nothing drawn, no animation frame requested;
// - a thumbnail nobody is touching: one still frame of the current state, and no controls over the art;
// - large, or a thumbnail the viewer hovers, focuses or taps: the full animation and the controls.
import type { Portrait } from '../art/portrait';

/**
 * Shorter sides below this many CSS pixels make a thumbnail. Explorers' and marketplaces' grid cells are 120-280 px
 * (ord: about 177); an artwork opened on its own is 400 px and more. Below 300 px the caption's font is at its 6 px
 * floor (layout.ts: 1.4% of the side, at least 6 px), unreadable, and the hint (about 430 px long) and the three
 * buttons would cover a third of the art.
 */
export const THUMBNAIL_SIDE = 300;

/** A hover ends this long after the pointer last moved over the page (if its leaving was not seen first). */
export const HOVER_LAPSE = 4000;

export interface Shown {
  /** the tab is visible and the canvas is (at least partly) within the top-level viewport */
  visible: boolean;
  /** the canvas' shorter side is below THUMBNAIL_SIDE */
  small: boolean;
  /** the viewer hovers it, or it has the focus (a click or tap gives it) */
  touched: boolean;
}

export type Mode = 'off' | 'still' | 'live';

/** What the portrait does when shown so: draw nothing, one still frame, or animate. */
export const modeOf = (s: Shown): Mode => (!s.visible ? 'off' : s.small && !s.touched ? 'still' : 'live');

/** Whether the controls (buttons, messages) show over the art: always, except on a thumbnail nobody touches. */
export const chromeOf = (s: Shown): boolean => !s.small || s.touched;

/**
 * Watches how the page is shown and calls onChange on every event that may change it (onChange must not mind being
 * told the same twice). Until IntersectionObserver has first reported, the canvas counts as not visible: a frame
 * loaded off-screen draws nothing.
 */
export function watchShown(canvas: HTMLCanvasElement, onChange: (s: Shown) => void): { now(): Shown } {
  let inView = typeof IntersectionObserver === 'undefined'; // no observer (an old browser): the tab's visibility alone
  let hover = false;
  const now = (): Shown => {
    const b = canvas.getBoundingClientRect();
    return {
      visible: inView && document.visibilityState === 'visible',
      small: Math.min(b.width, b.height) < THUMBNAIL_SIDE,
      touched: hover || document.hasFocus() && document.activeElement !== document.body && document.activeElement !== null,
    };
  };
  const check = (): void => onChange(now());
  if (!inView) new IntersectionObserver((entries) => {
    inView = entries[entries.length - 1].isIntersecting;
    check();
  }).observe(canvas);
  document.addEventListener('visibilitychange', check);
  addEventListener('resize', check);
  // A mouse over the page. Leaving a frame does not always reach it (headless Chromium sends the frame nothing), so
  // a hover also lapses HOVER_LAPSE ms after the pointer last moved. A finger's "hover" lasts only while it touches:
  // touch counts through the focus a tap gives.
  let lapse = 0;
  const unhover = (): void => {
    clearTimeout(lapse);
    hover = false;
    check();
  };
  document.addEventListener('pointermove', (e) => {
    if (e.pointerType === 'touch') return;
    clearTimeout(lapse);
    lapse = window.setTimeout(unhover, HOVER_LAPSE);
    if (hover) return;
    hover = true;
    check();
  });
  document.addEventListener('pointerout', (e) => {
    if (!e.relatedTarget) unhover(); // out, and nowhere in this document to go to
  });
  // focus moving between the canvas and a button passes through the body: look once it has settled
  addEventListener('focusin', check);
  addEventListener('focusout', () => setTimeout(check));
  addEventListener('blur', check);
  return { now };
}

/** What showPortrait needs of the portrait. */
export type Showable = Pick<Portrait, 'setVisible' | 'setCaption' | 'start' | 'stop'>;

/**
 * Drives the portrait and the controls by how the page is shown. The animation runs only after start() (the page calls
 * it once its scene is set) and never in still mode; until then, and on a thumbnail, the portrait draws a still frame
 * when its scene changes and it is visible. `waking`: the pointer now down landed on a thumbnail nobody was touching,
 * so its tap only wakes it (the page then ignores that tap).
 */
export function showPortrait(canvas: HTMLCanvasElement, ui: HTMLElement, portrait: Showable, still: boolean) {
  let live = false;
  const view = { waking: false, start };
  function apply(s: Shown): void {
    ui.classList.toggle('small', s.small);
    ui.classList.toggle('quiet', !chromeOf(s));
    portrait.setCaption(!s.small); // 6 px text: unreadable, left out
    portrait.setVisible(s.visible);
    if (live && modeOf(s) === 'live') portrait.start();
    else portrait.stop();
  }
  function start(): void {
    live = !still;
    apply(shown.now());
  }
  const shown = watchShown(canvas, apply);
  addEventListener('pointerdown', () => (view.waking = modeOf(shown.now()) === 'still'), true);
  apply(shown.now());
  return view;
}
