import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const DISTRICT_HELPERS = 'components/district-time (districtNow, districtToday, districtYear, districtTime) or components/format (formatDate, formatDateTime)';
/** Patterns that read or show a date in the browser's zone; each names the district helper to use instead (decision 0028). */
const DISTRICT_TIME_SYNTAX = [
  {
    selector: "CallExpression[callee.name='dayjs'][arguments.length=0]",
    message: `dayjs() is now in the browser's zone: use districtNow() (a picker value), districtToday() or districtYear() from ${DISTRICT_HELPERS}`,
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]:not(MemberExpression[property.name='toISOString'] > NewExpression.object)",
    message: `new Date() reads now in the browser's zone: compare instants with Date.now(), take the district's date from ${DISTRICT_HELPERS}`,
  },
  {
    selector: "CallExpression[callee.property.name=/^(get|set)(FullYear|Month|Date|Day|Hours|Minutes)$/]",
    message: `a Date's local fields are the browser's zone: use ${DISTRICT_HELPERS} (or the getUTC… methods for zone-free date arithmetic)`,
  },
  {
    selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)String$/]:not(:has(Property[key.name='timeZone']))",
    message: `toLocaleDateString/toLocaleTimeString without a timeZone show the browser's zone: pass { timeZone: DISTRICT_TZ } or use ${DISTRICT_HELPERS}`,
  },
  {
    selector: "CallExpression[callee.property.name='toLocaleString'][callee.object.type='NewExpression'][callee.object.callee.name='Date']:not(:has(Property[key.name='timeZone']))",
    message: `a Date's toLocaleString without a timeZone shows the browser's zone: pass { timeZone: DISTRICT_TZ } or use ${DISTRICT_HELPERS}`,
  },
  {
    selector: "NewExpression[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:not(:has(Property[key.name='timeZone']))",
    message: `Intl.DateTimeFormat without a timeZone formats in the browser's zone: pass { timeZone: DISTRICT_TZ } or use ${DISTRICT_HELPERS}`,
  },
  {
    selector: "CallExpression[callee.property.name='format'][callee.object.type='CallExpression'][callee.object.callee.name='dayjs']",
    message: `dayjs(instant).format() shows the browser's zone: use ${DISTRICT_HELPERS} (a picker value, already 北京时间, may be formatted as it is)`,
  },
  {
    selector: "CallExpression[callee.property.name=/^(slice|substring|substr)$/][callee.object.type='CallExpression'][callee.object.callee.property.name='toISOString']",
    message: `an ISO string's date part is UTC's day, not the district's: use ${DISTRICT_HELPERS}`,
  },
];

/** Words a user reads come from the messages (web/src/i18n), so English works: no Chinese text written into JSX. */
const MESSAGES_SYNTAX = [
  {
    selector: 'JSXText[value=/[\u3400-\u9fff]/]',
    message: 'text shown to users comes from the messages: add a key to web/src/i18n/<namespace>.zh-CN.ts and .en.ts and use t()',
  },
  {
    selector: 'JSXExpressionContainer > Literal[value=/[\u3400-\u9fff]/]',
    message: 'text shown to users comes from the messages: add a key to web/src/i18n/<namespace>.zh-CN.ts and .en.ts and use t()',
  },
  {
    selector: 'JSXAttribute > Literal[value=/[\u3400-\u9fff]/]',
    message: 'a label, placeholder or suffix shown to users comes from the messages: add a key to web/src/i18n/<namespace>.zh-CN.ts and .en.ts and use t()',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'artifacts/**', 'node_modules/**', 'server/db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Server code must never import UI code.
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/web/**'], message: 'server and shared code must not import the web app' }] }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'no-restricted-imports': 'off' },
  },
  {
    // Pages take DatePicker from components/DistrictDatePicker: its "today" is the district's (decision 0028).
    files: ['web/src/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { paths: [
        { name: 'antd', importNames: ['DatePicker'], message: 'use DatePicker from components/DistrictDatePicker (today in 北京时间, decision 0028)' },
        { name: 'antd', importNames: ['TimePicker'], message: 'use TimePicker from components/DistrictTimePicker (now in 北京时间, decision 0028)' },
      ] }],
    },
  },
  {
    // Chinese written into JSX (English would show it), and "now" and dates in the browser's zone (decision 0028): the web shows and takes dates in 北京时间 whatever the
    // browser's zone, through components/district-time.ts (the one place allowed to read the browser's clock in a zone).
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/components/district-time.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...DISTRICT_TIME_SYNTAX, ...MESSAGES_SYNTAX],
    },
  },
  {
    files: ['scripts/**/*.mjs', '.ci/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
