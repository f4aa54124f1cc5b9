/** An amount in fen as the web app shows it in Chinese (formatFen): thousands separators, decimals only when there are fen. */
export const yuan = (fen: number): string => `${Math.floor(fen / 100).toLocaleString('en-US')}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''} 元`;
