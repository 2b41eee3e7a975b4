import { t } from '../i18n';
import { ApiError, NetworkError } from './api';

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
