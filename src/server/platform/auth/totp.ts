/** TOTP (RFC 6238) second factor: secrets, otpauth URIs with a QR code, one-time verification. */
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';

export function newTotpSecret(): string {
  return generateSecret();
}

export async function totpEnrolment(secret: string, account: string) {
  const otpauthUrl = generateURI({ issuer: 'Readyroom', label: account, secret });
  const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 1 });
  return { secret, otpauthUrl, qrDataUrl };
}

/**
 * The time step of a valid code (now or one 30-second step either side, for clock drift),
 * or null. Codes at or before `afterStep` are refused, so a code is accepted only once.
 */
export async function verifyTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const result = await verify({
    secret,
    token: code,
    epochTolerance: 30,
    ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}
