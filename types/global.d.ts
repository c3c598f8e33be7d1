/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** true only in the local kiosk H5 build (`npm start`): gateway calls and the identity switch. */
declare const LOCAL_RUNTIME: boolean;
/** Cloud environment id for wx.cloud.init in the mini-program ('' = the default environment). */
declare const CLOUD_ENV: string;
/** The subscribe-message template id of ticket progress (TARO_APP_TICKET_TEMPLATE_ID at build time; locally `ticketProgressLocal`). */
declare const TICKET_TEMPLATE_ID: string;
/** The subscribe-message template id of the booking reminder the day before (TARO_APP_BOOKING_REMINDER_TEMPLATE_ID at build time; locally `bookingReminderLocal`). */
declare const BOOKING_REMINDER_TEMPLATE_ID: string;
/** The subscribe-message template id of "someone registered the product you asked about" (TARO_APP_PRODUCT_TEMPLATE_ID; locally `productRegisteredLocal`). */
declare const PRODUCT_TEMPLATE_ID: string;
/** The subscribe-message template id of "your turn came: booked from the waitlist" (TARO_APP_WAITLIST_TEMPLATE_ID; locally `waitlistPromotedLocal`). */
declare const WAITLIST_TEMPLATE_ID: string;
/** Every subscribe-message template id by key (cloudfunctions/shared/templates.ts; TARO_APP_*_TEMPLATE_ID at build time, else the local stand-ins). */
declare const TEMPLATE_IDS: Record<import('../cloudfunctions/shared/templates').TemplateKey, string>;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
