/** The public page of a certificate: printed on the PDF, in its QR code, in mail and in every credential. */
export const verifyPath = (code: string): string => `/verify/${encodeURIComponent(code)}`;

export const verifyUrl = (publicUrl: string, code: string): string => `${publicUrl}${verifyPath(code)}`;
