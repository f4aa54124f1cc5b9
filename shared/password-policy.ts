/**
 * Password rules (等保 2.0 level 2): at least 8 characters, at least three of
 * four character classes, not a commonly used password, not the username.
 */
const COMMON = new Set([
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword1', 'qwerty123', 'qwerty@123',
  'admin123', 'admin@123', 'admin1234', 'abc12345', 'abcd1234', 'abc@1234', 'a1234567', 'aa123456',
  '12345678', '123456789', '1234567890', '11111111', '88888888', '1qaz2wsx', '1qaz@wsx', 'zaq12wsx',
  'iloveyou1', 'welcome1', 'welcome@1', 'letmein1', 'changeme1', 'test1234', 'test@123', 'root1234',
  'root@123', 'woaini1314', 'woaini520', 'qq123456', 'asdf1234', 'asd123456', 'zxcvbnm1', 'q1w2e3r4',
  'qwer1234', 'passw0rd!', 'password!', 'p@ssw0rd1', 'admin@2024', 'admin@2025', 'admin@2026', 'Aa123456',
  'aa123456!', 'abc123!@#', '1q2w3e4r', '1q2w3e4r5t', 'chengguo1', 'chengguo@1',
].map((p) => p.toLowerCase()));

export type PasswordProblem = 'too_short' | 'too_simple' | 'common' | 'contains_username' | 'too_long';

export function passwordProblems(password: string, username?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  if (password.length < 8) problems.push('too_short');
  if (password.length > 128) problems.push('too_long');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('too_simple');
  if (COMMON.has(password.toLowerCase())) problems.push('common');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    problems.push('contains_username');
  }
  return problems;
}

export const PASSWORD_PROBLEM_TEXT: Record<PasswordProblem, { zh: string; en: string }> = {
  too_short: { zh: '密码至少 8 位', en: 'At least 8 characters' },
  too_long: { zh: '密码不能超过 128 位', en: 'At most 128 characters' },
  too_simple: {
    zh: '需包含大写字母、小写字母、数字、符号中的至少三类',
    en: 'Use at least three of: upper-case, lower-case, digits, symbols',
  },
  common: { zh: '该密码过于常见，请换一个', en: 'This password is too common' },
  contains_username: { zh: '密码不能包含用户名', en: 'The password must not contain the username' },
};
