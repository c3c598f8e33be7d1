/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** true only in the local kiosk H5 build (`npm start`): gateway calls and the identity switch. */
declare const LOCAL_RUNTIME: boolean;
/** Cloud environment id for wx.cloud.init in the mini-program ('' = the default environment). */
declare const CLOUD_ENV: string;
/** Every subscribe-message template id by key (cloudfunctions/shared/templates.ts; TARO_APP_*_TEMPLATE_ID at build time, else the local stand-ins). */
declare const TEMPLATE_IDS: Record<import('../cloudfunctions/shared/templates').TemplateKey, string>;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5' | string;
  }
}
