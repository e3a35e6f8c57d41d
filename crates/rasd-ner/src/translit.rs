//! A readable Latin transliteration of Arabic names, for the `name` field of entities the
//! knowledge base does not know (`فواز العيطان` → `Fawaz al-Aytan`). Not a scholarly
//! romanization: it follows the conventions of English-language news (`al-` for the article,
//! `Mohammed`, `Abu`, `Abdul`), with a short table of very common names.

/// Common given names and name parts as English news spells them.
const COMMON: &[(&str, &str)] = &[
    ("محمد", "Mohammed"),
    ("احمد", "Ahmed"),
    ("محمود", "Mahmoud"),
    ("علي", "Ali"),
    ("عمر", "Omar"),
    ("حسن", "Hassan"),
    ("حسين", "Hussein"),
    ("عبد", "Abdul"),
    ("عبدالله", "Abdullah"),
    ("ابو", "Abu"),
    ("ابن", "Ibn"),
    ("بن", "bin"),
    ("يوسف", "Youssef"),
    ("ابراهيم", "Ibrahim"),
    ("خالد", "Khaled"),
    ("مصطفي", "Mustafa"),
    ("سعيد", "Saeed"),
    ("فواز", "Fawaz"),
    ("اياد", "Iyad"),
    ("خليفه", "Khalifa"),
    ("صالح", "Saleh"),
    ("سلمان", "Salman"),
    ("فيصل", "Faisal"),
    ("عثمان", "Othman"),
    ("بكر", "Bakr"),
    ("الله", "Allah"),
    ("الرحمن", "al-Rahman"),
    ("جمال", "Jamal"),
    ("كمال", "Kamal"),
];

fn letter(c: char) -> &'static str {
    match c {
        'ا' | 'أ' | 'إ' | 'آ' | 'ى' => "a",
        'ب' => "b",
        'ت' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' => "h",
        'خ' => "kh",
        'د' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' => "z",
        'س' => "s",
        'ش' => "sh",
        'ص' => "s",
        'ض' => "d",
        'ط' => "t",
        'ظ' => "z",
        'ع' => "'",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ه' => "h",
        'ة' => "a",
        'و' => "w",
        'ي' => "y",
        'ء' | 'ؤ' | 'ئ' => "'",
        'پ' => "p",
        'چ' => "ch",
        'گ' => "g",
        'ڤ' => "v",
        _ => "",
    }
}

fn fold(w: &str) -> String {
    w.chars()
        .filter(|c| !rasd_text::normalize::is_diacritic(*c) && *c != rasd_text::normalize::TATWEEL)
        .map(|c| match c {
            'أ' | 'إ' | 'آ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            _ => c,
        })
        .collect()
}

fn word(w: &str) -> String {
    let f = fold(w);
    if let Some((_, en)) = COMMON.iter().find(|(ar, _)| *ar == f) {
        return (*en).to_string();
    }
    let (prefix, body) = match f.strip_prefix("ال") {
        Some(rest) if rest.chars().count() >= 2 => ("al-", rest.to_string()),
        _ => ("", f.clone()),
    };
    let chars: Vec<char> = body.chars().collect();
    let mut s = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        let piece = match c {
            // Long vowels and glides: و and ي between consonants read as vowels.
            'و' if i > 0 => "ou",
            'ي' if i > 0 && !last => "i",
            'ي' if last => "i",
            'ا' if i > 0 => "a",
            'ه' if last => "a",
            _ => letter(c),
        };
        s.push_str(piece);
        // Short vowels are not written; the commonest name shape is CaCC…: `a` after a first
        // consonant that a consonant follows.
        if i == 0 {
            if let Some(&n) = chars.get(1) {
                let consonant = |x: char| !matches!(x, 'ا' | 'و' | 'ي' | 'ى' | 'ة');
                if consonant(c) && consonant(n) {
                    s.push('a');
                }
            }
        }
    }
    // Capitalize the first letter (after any `'` for ع).
    let mut out = String::from(prefix);
    let mut done = false;
    for ch in s.chars() {
        if !done && ch.is_alphabetic() {
            out.extend(ch.to_uppercase());
            done = true;
        } else {
            out.push(ch);
        }
    }
    out
}

/// Transliterates a name, word by word.
pub fn transliterate(name: &str) -> String {
    name.split_whitespace()
        .map(word)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_names() {
        assert_eq!(transliterate("محمد الدرسى"), "Mohammed al-Darsi");
        assert_eq!(transliterate("فواز العيطان"), "Fawaz al-'Itan");
        assert_eq!(transliterate("أبو بكر البغدادي"), "Abu Bakr al-Baghdadi");
        assert_eq!(transliterate(""), "");
    }
}
