import { describe, expect, it } from 'vitest';
import { findPersonalInfo, unconfirmedHits } from '../../shared/personal-info';

const kinds = (text: string) => findPersonalInfo(text).map((h) => [h.kind, h.text]);

describe('the personal-information check of report texts', () => {
  it('finds email addresses, in French text and with accents', () => {
    expect(kinds('Écrire à marie.tremblay@exemple.qc.ca pour le suivi.')).toEqual([['email', 'marie.tremblay@exemple.qc.ca']]);
    expect(kinds('Contact : hélène@organisme.org')).toEqual([['email', 'hélène@organisme.org']]);
  });

  it('finds North American phone numbers written the usual ways', () => {
    expect(kinds('Elle a appelé du 819 555-1234 hier.')).toEqual([['phone', '819 555-1234']]);
    expect(kinds('Tél. : (450) 555-0199')).toEqual([['phone', '(450) 555-0199']]);
    expect(kinds('Ligne sans frais 1-800-555-0000')).toEqual([['phone', '1-800-555-0000']]);
    expect(kinds('Numéro 5145550123.')).toEqual([['phone', '5145550123']]);
  });

  it('does not take amounts, years, fiscal years, dates of events or counts for phone numbers', () => {
    const text =
      'En 2021-2022, nous avons accompagné 41 femmes (27 en 2020) avec un budget de 125 000 $ et 12 345,67 $ de dépenses, ' +
      'soit 1 234 567,89 $ depuis 2017. Rencontres le 2026-04-01 à 17 h 00 et le 15 mars 2022. Totaux : 56, 122, 87, 101, 129, 210. ' +
      'Années 2017 2018 2019 2020. Montant total 1 234 567 890 $. Dossier 2022-0417.';
    expect(findPersonalInfo(text)).toEqual([]);
  });

  it('finds a social insurance number only when it passes the Luhn check and is not an amount', () => {
    expect(kinds('NAS 046 454 286 au dossier')).toEqual([['sin', '046 454 286']]);
    expect(kinds('NAS 046-454-286')).toEqual([['sin', '046-454-286']]);
    expect(kinds('Référence 123 456 789')).toEqual([]);
    expect(kinds('Dépenses de 046 454 286 $')).toEqual([]);
  });

  it('finds RAMQ numbers whose birth month and day are real (women: month + 50)', () => {
    expect(kinds('Carte TREM 8553 1512 présentée')).toEqual([['ramq', 'TREM 8553 1512']]);
    expect(kinds('carte gagm85031512')).toEqual([['ramq', 'gagm85031512']]);
    expect(kinds('Code PROJ 2099 1234')).toEqual([]);
  });

  it('takes a date for a date of birth only near a word that says so', () => {
    expect(kinds('Née le 12 mars 1985, elle est arrivée en avril.')).toEqual([['birthdate', '12 mars 1985']]);
    expect(kinds('Date de naissance : 1985-03-12')).toEqual([['birthdate', '1985-03-12']]);
    expect(kinds('DDN 12/03/1985')).toEqual([['birthdate', '12/03/1985']]);
    expect(kinds('La rencontre du 12 mars 2022 a réuni 14 partenaires.')).toEqual([]);
    expect(kinds('Le projet est né de la concertation en 2017.')).toEqual([]);
  });

  it('lists several hits in their order, each with its place in the text', () => {
    const text = 'Joindre Julie au 819 555-1234 ou julie@exemple.org.';
    const hits = findPersonalInfo(text);
    expect(hits.map((h) => h.kind)).toEqual(['phone', 'email']);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.text);
  });

  it('leaves out the hits the writer confirmed, by field and text', () => {
    const fields = { 'sections.partenariats': 'Ligne d’écoute régionale : 1-800-555-0000', 'sections.cas': 'Elle a appelé du 819 555-1234.' };
    expect(unconfirmedHits(fields, []).map((h) => h.field)).toEqual(['sections.partenariats', 'sections.cas']);
    const left = unconfirmedHits(fields, [{ field: 'sections.partenariats', text: '1-800-555-0000' }]);
    expect(left).toEqual([{ field: 'sections.cas', kind: 'phone', text: '819 555-1234', start: 17, end: 29 }]);
    // A confirmation names its field: the same number in another field is still shown.
    expect(unconfirmedHits({ 'sections.cas': '1-800-555-0000' }, [{ field: 'sections.partenariats', text: '1-800-555-0000' }])).toHaveLength(1);
  });
});
