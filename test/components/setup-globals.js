// jsdom lacks a few browser APIs that Taro's React components touch at import time.
if (typeof window !== 'undefined') {
  window.matchMedia = window.matchMedia || (() => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} }));
  global.ResizeObserver = global.ResizeObserver || class { observe() {} unobserve() {} disconnect() {} };
  global.IntersectionObserver = global.IntersectionObserver || class { observe() {} unobserve() {} disconnect() {} };
}
global.LOCAL_RUNTIME = false;
global.CLOUD_ENV = '';
