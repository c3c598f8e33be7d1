// jsdom lacks a few browser APIs that Taro's React components touch at import time.
if (typeof window !== 'undefined') {
  window.matchMedia = window.matchMedia || (() => ({ matches: false, addListener() {}, removeListener() {}, addEventListener() {}, removeEventListener() {} }));
  global.ResizeObserver = global.ResizeObserver || class { observe() {} unobserve() {} disconnect() {} };
  global.IntersectionObserver = global.IntersectionObserver || class { observe() {} unobserve() {} disconnect() {} };
}
global.LOCAL_RUNTIME = false;
global.CLOUD_ENV = '';
global.TEMPLATE_IDS = { ticketProgress: 'ticketProgressLocal', bookingReminder: 'bookingReminderLocal', bookingChange: 'bookingChangedLocal', waitlistPromoted: 'waitlistPromotedLocal', stallDraw: 'stallDrawLocal', productRegistered: 'productRegisteredLocal', meetingReminder: 'meetingReminderLocal' };
// Compile-time constants Taro's webpack build defines (see @tarojs/runtime).
Object.assign(global, {
  ENABLE_INNER_HTML: true,
  ENABLE_ADJACENT_HTML: true,
  ENABLE_SIZE_APIS: false,
  ENABLE_TEMPLATE_CONTENT: true,
  ENABLE_CLONE_NODE: true,
  ENABLE_CONTAINS: true,
  ENABLE_MUTATION_OBSERVER: false,
  DEPRECATED_ADAPTER_COMPONENT: false,
});
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
