/**
 * The NutUI components the app uses, each imported from its own package with its own stylesheet
 * (not the library's barrel and 232 KB theme), so bundles carry just what the pages need.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index';
export { default as Tag } from '@nutui/nutui-react-taro/dist/es/packages/tag/index';
export { default as Loading } from '@nutui/nutui-react-taro/dist/es/packages/loading/index';
export { default as Cell } from '@nutui/nutui-react-taro/dist/es/packages/cell/index';
