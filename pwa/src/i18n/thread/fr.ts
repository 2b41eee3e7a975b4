// Words of the message thread, French first: the patient and the team both see it, so they load
// with the app. 'c.error' (a list that did not load) is the console's word, also said on the
// patient's Messages screen.

export const fr = {
  'c.error': 'Impossible de charger. Réessayez.',
  'm.title': 'Messages avec l’équipe',
  'm.empty': 'Pas encore de message.',
  'm.write': 'Votre message',
  'm.send': 'Envoyer',
  'm.team': 'Équipe',
  'm.patientSide': 'Patient ou proche',
  'm.you': 'Vous',
  'm.read': 'Lu',
  'm.unread': 'Non lu',
  'm.notice': 'Pour une urgence, n’écrivez pas : appelez le {emergency}.',
  'm.waiting': 'En attente d’envoi : partira dès que le réseau revient.',
  'm.refused': 'Non envoyé.',
  'm.remove': 'Retirer ce message',
  'm.offlineAsOf': 'Pas de réseau : messages tels qu’au {when}.',
  'm.offlineNone': 'Pas de réseau : les messages s’afficheront au retour du réseau. Vous pouvez déjà écrire.',
  'm.offlineSend': 'Pas de réseau : votre message attendra sur le téléphone et partira tout seul.',
  'm.notAllowed': 'Les messages de cette personne ne vous sont pas partagés.',
  'm.newOne': '1 nouveau message de l’équipe',
  'm.newMany': '{n} nouveaux messages de l’équipe',
  'm.open': 'Lire',
};
