// Words of the message thread, in English.

import type { fr } from './fr';

export const en: Record<keyof typeof fr, string> = {
  'c.error': 'Could not load. Try again.',
  'm.title': 'Messages with the team',
  'm.empty': 'No message yet.',
  'm.write': 'Your message',
  'm.send': 'Send',
  'm.team': 'Team',
  'm.patientSide': 'Patient or family',
  'm.you': 'You',
  'm.read': 'Read',
  'm.unread': 'Not read yet',
  'm.notice': 'In an emergency, do not write: call {emergency}.',
  'm.waiting': 'Waiting to send: it will go as soon as the network is back.',
  'm.refused': 'Not sent.',
  'm.remove': 'Remove this message',
  'm.offlineAsOf': 'No network: messages as of {when}.',
  'm.offlineNone': 'No network: messages will show when the network is back. You can already write.',
  'm.offlineSend': 'No network: your message will wait on the phone and go by itself.',
  'm.notAllowed': 'This person’s messages are not shared with you.',
  'm.newOne': '1 new message from the team',
  'm.newMany': '{n} new messages from the team',
  'm.open': 'Read',
};
