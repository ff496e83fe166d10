"""The texts the embedding benchmark runs on: deterministic, generated here (nothing from a hub).

- `parity_sentences()`: 200 varied sentences (accents, punctuation, numbers, CJK, emoji, very
  long inputs that hit the 256-token limit, empty-ish ones).
- `titles()`: short titles; MovieLens 100K titles when the data is at hand, else generated.
- `long_texts(tokenizer)`: texts of about 128 WordPiece tokens each.
"""
import os
import random

HANDWRITTEN = [
    "A slow-burn science-fiction film with a twist ending.",
    "Astronauts are hunted by a monster aboard their ship in space.",
    "Amélie, Léon, Mañana, Zoë and the naïve café owner.",
    "Déjà vu: résumé of a Björk concert in Reykjavík!",
    "Crème brûlée? São Paulo — 10 rue de l'Église.",
    "It's 3:45pm; the train (No. 42) leaves at 16:00... or not?",
    "Who framed Roger Rabbit?! (1988)",
    "Se7en (1995)", "Heat (1995)", "2001: A Space Odyssey (1968)", "M*A*S*H", "Wall-E", "Up",
    "The Lord of the Rings: The Fellowship of the Ring",
    "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb",
    "千と千尋の神隠し (Spirited Away)", "霸王别姬 Farewell My Concubine", "기생충 Parasite", "Амели",
    "Ελληνικά γράμματα και ταινίες", "L'Auberge espagnole", "Das Boot", "Ça commence aujourd'hui",
    "emoji 🎬🍿 are unknown tokens 🙂", "tabs\tand\nnewlines\r\ninside", "   leading and trailing spaces   ",
    "ALL CAPS SHOUTING ABOUT A HORROR MOVIE", "mIxEd CaSe TiTlE", "hyphen-ated, slash/separated & ampersand",
    "e-mail: someone@example.com, url: https://example.org/path?q=1",
    "Numbers 1,234,567.89 and 3.14159 and 1e-9", "unaffable antidisestablishmentarianism supercalifragilistic",
    "a", ".", "?!", "the the the the the",
    "A romantic comedy about a wedding planner in Paris.", "How to bake sourdough bread at home.",
    "Two detectives hunt a serial killer who uses the seven deadly sins as his motives.",
    "A hobbit sets out to destroy a powerful ring in the fires of a distant mountain.",
]

SUBJECTS = ["a retired detective", "two estranged sisters", "a young robot", "the last samurai", "a small-town sheriff",
            "an ambitious chef", "a jazz drummer", "a deep-sea diver", "a con artist", "a lonely astronaut"]
ACTIONS = ["uncovers a conspiracy", "falls in love", "fights for survival", "returns home", "plans a heist",
           "searches for a lost child", "learns to forgive", "races against time", "questions reality", "builds an empire"]
PLACES = ["in 1920s Shanghai", "on a frozen planet", "in suburban Ohio", "aboard a submarine", "in post-war Berlin",
          "inside a video game", "in the Australian outback", "during a blackout in New York", "at a boarding school", "in Mumbai"]
WORDS = ("story film dark comedy love war space robot detective murder city night family secret journey music dream "
         "memory future past island ocean desert mountain kingdom revenge friendship betrayal escape prison school "
         "hero villain monster ghost alien ship train road river forest castle village king queen soldier pilot").split()


def parity_sentences(count=200, seed=7):
    rng = random.Random(seed)
    out = list(HANDWRITTEN)
    while len(out) < count - 4:
        out.append(f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(ACTIONS)} {rng.choice(PLACES)}.")
    for n in (150, 300, 600, 1200):  # beyond 256 tokens: truncation must agree
        out.append(" ".join(rng.choice(WORDS) for _ in range(n)))
    return out[:count]


def titles(data_dir, count=2000, seed=3):
    path = os.path.join(data_dir, "u.item") if data_dir else ""
    if path and os.path.exists(path):
        with open(path, encoding="latin-1") as f:
            found = [line.split("|")[1] for line in f if "|" in line]
        return (found * (count // len(found) + 1))[:count]
    rng = random.Random(seed)
    return [f"The {rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} ({rng.randint(1930, 2024)})" for _ in range(count)]


def long_texts(tokenizer, count=256, tokens=128, seed=5):
    """Texts whose encoding (with [CLS] and [SEP]) is `tokens` long, or one word short of it."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = []
        while True:
            words.append(rng.choice(WORDS + [w + "," for w in WORDS[:10]]))
            if len(tokenizer.encode(" ".join(words)).ids) > tokens:
                words.pop()
                break
        out.append(" ".join(words))
    return out
