/**
 * The NutUI components the app uses, each with its own stylesheet only (not the whole 232 KB
 * theme), so the bundles carry just what the pages need.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/loading/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';

export { Button, Tag, Loading, Cell } from '@nutui/nutui-react-taro';
