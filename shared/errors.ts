/**
 * The one list of error codes. Server code throws AppError with one of these;
 * the HTTP layer maps it to the status and to a message in the caller's
 * language. The web client uses the same table to show messages.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, zh: '提交的内容有误，请检查标出的字段。', en: 'Some fields are invalid; see the marked fields.' },
  BAD_REQUEST: { status: 400, zh: '请求格式不正确。', en: 'The request is malformed.' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录。', en: 'Please sign in.' },
  INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误。', en: 'Wrong username or password.' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录。', en: 'Your session has expired; please sign in again.' },
  MFA_REQUIRED: { status: 401, zh: '请输入动态验证码。', en: 'Enter the code from your authenticator app.' },
  INVALID_MFA_CODE: { status: 401, zh: '动态验证码错误。', en: 'The authenticator code is wrong.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: '首次登录请先修改密码。', en: 'Change your password before continuing.' },
  FORBIDDEN: { status: 403, zh: '您没有执行此操作的权限。', en: 'You are not allowed to do this.' },
  CSRF_FAILED: { status: 403, zh: '页面已过期，请刷新后重试。', en: 'The page is out of date; reload it and try again.' },
  ORG_NOT_VERIFIED: { status: 403, zh: '所在机构尚未通过审核。', en: 'Your organisation has not been verified yet.' },
  ACCOUNT_DISABLED: { status: 403, zh: '账号已停用，请联系管理员。', en: 'This account is disabled; contact an administrator.' },
  NOT_FOUND: { status: 404, zh: '未找到该记录。', en: 'Not found.' },
  CONFLICT: { status: 409, zh: '与已有记录冲突。', en: 'This conflicts with an existing record.' },
  INVALID_STATE: { status: 409, zh: '当前状态下不能执行此操作。', en: 'This cannot be done in the current state.' },
  BOOKING_OVERLAP: { status: 409, zh: '该时段与已确认的预约冲突。', en: 'This slot overlaps a confirmed booking.' },
  // Innovation vouchers (issue 8)
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: '该幂等键已用于内容不同的请求，请为新请求使用新的键。', en: 'This idempotency key was already used for a different request; use a new key for a new request.' },
  BUDGET_EXCEEDED: { status: 409, zh: '专项可用预算不足。', en: 'The programme’s available budget is not enough.' },
  VOUCHER_CAP_EXCEEDED: { status: 409, zh: '超出该企业本年度创新券额度。', en: 'This exceeds the enterprise’s yearly voucher cap.' },
  NOT_ELIGIBLE: { status: 422, zh: '不符合申领条件。', en: 'Not eligible.' },
  BLACKLISTED: { status: 403, zh: '该单位已被列入创新券黑名单。', en: 'This organisation is barred from voucher programmes.' },
  // Funding programmes (issue 8)
  REVIEW_DEADLINE_PASSED: { status: 409, zh: '已过您的评审截止时间，如需延期请联系科技局。', en: 'Your review deadline has passed; ask the bureau for an extension.' },
  OBJECTIONS_OPEN: { status: 409, zh: '尚有未处理的异议，名单不能确定。', en: 'Objections are still open; the list cannot be made final.' },
  // trading
  OWN_LISTING: { status: 403, zh: '不能购买或竞买本单位挂牌的成果。', en: 'You cannot buy or bid on your own organisation’s listing.' },
  BIDDER_NOT_REGISTERED: { status: 403, zh: '请先报名参加竞价。', en: 'Register for this auction before bidding.' },
  DEPOSIT_NOT_PAID: { status: 403, zh: '竞买保证金尚未到账，暂不能出价。', en: 'Your deposit has not been recorded yet; you cannot bid.' },
  AUCTION_NOT_STARTED: { status: 409, zh: '竞价尚未开始。', en: 'The auction has not started yet.' },
  AUCTION_ENDED: { status: 409, zh: '竞价已结束。', en: 'The auction has ended.' },
  BID_TOO_LOW: { status: 409, zh: '出价低于当前最低应价。', en: 'The bid is below the lowest acceptable bid.' },
  // Deal confirmation (成交确认书)
  DEAL_ALREADY_CONFIRMED: { status: 409, zh: '本单位已确认该成交，不能重复确认。', en: 'Your organisation has already confirmed this deal.' },
  CONFIRMATION_STALE: { status: 409, zh: '成交确认书的内容已变化，请刷新后核对新内容再确认。', en: 'The confirmation’s content has changed; reload, check the new content and confirm again.' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大。', en: 'The upload is too large.' },
  ACCOUNT_LOCKED: { status: 423, zh: '连续登录失败次数过多，账号已锁定 15 分钟。', en: 'Too many failed sign-ins; the account is locked for 15 minutes.' },
  RATE_LIMITED: { status: 429, zh: '操作过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  INTERNAL: { status: 500, zh: '系统内部错误，请稍后重试。', en: 'Something went wrong on our side; try again later.' },
  UNAVAILABLE: { status: 503, zh: '服务暂不可用。', en: 'The service is unavailable.' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** A field-level problem: `path` is the dotted field name, `message` is in the caller's language. */
export type FieldError = { path: string; message: string };

/** The body of every error response. */
export type ErrorBody = {
  error: { code: ErrorCode; message: string; requestId: string; fields?: FieldError[] };
};
