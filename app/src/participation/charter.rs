//! `/participation/charte`: the short charte de participation every form links to — what is
//! allowed, and how moderation works. Its texts travel with its page only.

use leptos::prelude::*;
use leptos_meta::Title;

use super::data::ParticipationData;
use crate::i18n::use_texts;

crate::i18n::page_texts::page_texts! {
    CharterTexts;
    Title => "Charte de participation", "Participation charter";
    Intro => "L'espace participatif sert aux habitants des quartiers prioritaires à signaler ce qui ne va pas, proposer des idées et en discuter avec les Régies de quartier. Pour qu'il reste utile et sûr pour tous, quelques règles simples s'appliquent.",
        "The participatory space lets inhabitants of priority neighbourhoods report what is wrong, suggest ideas and discuss them with the Régies de quartier. To keep it useful and safe for everyone, a few simple rules apply.";
    WelcomeTitle => "Bienvenu", "Welcome";
    Welcome1 => "Les signalements et propositions qui concernent le quartier : propreté, éclairage, espaces verts, vie de quartier…", "Reports and proposals about the neighbourhood: cleanliness, lighting, green spaces, community life…";
    Welcome2 => "Les commentaires qui apportent une information, un soutien ou un désaccord exprimé avec respect.", "Comments that bring information, support, or a disagreement said with respect.";
    ForbiddenTitle => "Pas permis", "Not allowed";
    Forbidden1 => "Les insultes, menaces, propos haineux ou discriminatoires, le harcèlement.", "Insults, threats, hateful or discriminatory words, harassment.";
    Forbidden2 => "Les données personnelles d'autrui : nom, visage reconnaissable, plaque d'immatriculation, adresse, téléphone.", "Other people's personal data: name, recognisable face, number plate, address, phone number.";
    Forbidden3 => "La publicité, les messages hors sujet, les informations fausses ou trompeuses.", "Advertising, off-topic messages, false or misleading information.";
    HowTitle => "Comment se passe la modération", "How moderation works";
    How1 => "Les modérateurs sont l'équipe de chaque Régie dans les quartiers qu'elle couvre, et la modération du réseau partout.", "Moderators are each Régie's team in the neighbourhoods it covers, and the network's moderation everywhere.";
    How2 => "Chacun peut signaler un contenu en disant pourquoi. Après 3 signalements de personnes différentes, il est masqué jusqu'à ce qu'un modérateur le relise.", "Anyone can flag a content, saying why. After 3 flags from different people, it is hidden until a moderator reviews it.";
    How3 => "Un message contenant un mot d'une liste tenue par le réseau ou la Régie attend une relecture avant d'être publié.", "A post holding a word from a list kept by the network or the Régie waits for review before it is published.";
    How4 => "Un modérateur peut masquer un contenu, une seule photo (un visage, une plaque), fusionner deux éléments en double (les soutiens sont gardés), ou suspendre une personne dans le quartier. Il dit toujours pourquoi.", "A moderator may hide a content, a single photo (a face, a number plate), merge two duplicate items (supports are kept), or suspend a person in the neighbourhood. They always say why.";
    How5 => "L'auteur est prévenu de la raison dans ses notifications. Chaque acte figure au journal public du quartier : le rôle de qui l'a fait (jamais son nom), ce qui a été fait, et pourquoi. Tout acte peut être annulé.", "The author is told the reason in their notifications. Every act is in the neighbourhood's public log: the role of who did it (never their name), what was done, and why. Any act can be undone.";
    DataTitle => "Vos données", "Your data";
    PrivacyLink => "Politique de confidentialité", "Privacy policy";
    Data1 => "Vous participez sous un pseudonyme. Vous pouvez télécharger ou supprimer vos données depuis votre compte à tout moment.", "You take part under a pseudonym. You can download or delete your data from your account at any time.";
}

pub fn charter_view(d: ParticipationData) -> AnyView {
    let t = use_texts();
    let Some(c) = d.charter else { return ().into_any() };
    let list = |keys: &[T]| view! { <ul>{keys.iter().map(|k| view! { <li>{c.get(*k)}</li> }).collect_view()}</ul> };
    view! {
        <Title text=c.get(T::Title) />
        <article class="prose">
            <h1>{c.get(T::Title)}</h1>
            <p>{c.get(T::Intro)}</p>
            <h2>{c.get(T::WelcomeTitle)}</h2>
            {list(&[T::Welcome1, T::Welcome2])}
            <h2>{c.get(T::ForbiddenTitle)}</h2>
            {list(&[T::Forbidden1, T::Forbidden2, T::Forbidden3])}
            <h2>{c.get(T::HowTitle)}</h2>
            {list(&[T::How1, T::How2, T::How3, T::How4, T::How5])}
            <h2>{c.get(T::DataTitle)}</h2>
            <p>{c.get(T::Data1)}" "<a href=t.path("/confidentialite")>{c.get(T::PrivacyLink)}</a></p>
        </article>
    }
    .into_any()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    #[test]
    fn the_charter_is_written_in_both_languages() {
        let (fr, en) = (CharterTexts::of(Locale::Fr), CharterTexts::of(Locale::En));
        assert!(T::ALL.iter().all(|k| !fr.get(*k).is_empty() && fr.get(*k) != en.get(*k)));
    }
}
