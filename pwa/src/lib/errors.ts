import { ApiError, NetworkError } from '../api/client';
import { t } from '../i18n';

/** What to tell the person when something failed: the server's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (error instanceof NetworkError) return t('error.network');
  if (error instanceof ApiError) {
    if (error.status === 401) return error.detail || t('error.signedOut');
    if (error.status === 429) return error.detail || t('error.tooMany');
    return error.detail || t('error.generic');
  }
  return t('error.generic');
}

/** The children's screens' words for a call that failed: the server's detail, or a plain message. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.detail || t('common.error');
  if (err instanceof NetworkError) return t('common.network');
  return t('common.error');
}
