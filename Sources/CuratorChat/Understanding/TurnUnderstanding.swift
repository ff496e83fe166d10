/// What one turn of free text says, before it is applied to the session.
public struct TurnUnderstanding: Sendable, Equatable {
    public struct Mentioned: Sendable, Equatable {
        /// Every item the words may mean; one when clear.
        public var items: [Int32]
        public var feeling: ChatSession.Feeling
        public var text: String
        /// Whether the words said the feeling; false for a film named with none ("what about
        /// Titanic?"), taken as one to find more like: the reply must not say the user liked it.
        public var stated: Bool
        /// Whose feeling it is when not the user's ("your wife" for "my wife hated Titanic"): it
        /// steers the list only when the turn chooses for them (`Feelings.holders`).
        public var holder: String?
        /// Another person's feeling said while not choosing for them: the film is context only,
        /// neither liked, disliked nor steered toward.
        public var contextOnly = false
        /// Said not to be seen yet ("never seen casablanca"): new to them, context only (neither
        /// seen, liked nor steered toward), so it may still be recommended.
        public var unseen = false

        public init(
            items: [Int32], feeling: ChatSession.Feeling, text: String, stated: Bool = true, holder: String? = nil, contextOnly: Bool = false,
            unseen: Bool = false
        ) {
            self.items = items
            self.feeling = feeling
            self.text = text
            self.stated = stated
            self.holder = holder
            self.contextOnly = contextOnly
            self.unseen = unseen
        }
    }

    /// A reaction to the last list.
    public enum Reaction: Sendable, Equatable {
        /// "not that one": the first item of the last list (or the one named by position).
        case reject(position: Int)
        /// "I loved the third one": a like of it, as `/like 3`.
        case like(position: Int)
        /// "more like the second": more like it, with no feeling said (not a like).
        case moreLike(position: Int)
        /// "seen the first one already": seen, with no feeling said (left out from now on).
        case seen(position: Int)

        /// The place in the last list it is about.
        public var position: Int {
            switch self {
            case .reject(let position), .like(let position), .moreLike(let position), .seen(let position): position
            }
        }
    }

    /// Constraints the turn lets go of ("forget horror", "any year is fine", "horror is fine").
    public struct Lift: Sendable, Equatable {
        /// Genres neither asked for nor turned away any more ("forget horror").
        public var genres: Set<String> = []
        /// Genres no longer turned away, not asked for either ("horror is fine", "I don't mind horror").
        public var allowedGenres: Set<String> = []
        /// Every genre constraint ("genre doesn't matter").
        public var allGenres = false
        /// The year range ("any year is fine", "forget the decade", "drop the 90s thing").
        public var years = false
        /// Years allowed beside the range asked ("the 50s are fine too" after "from the 40s").
        public var allowedYears: ClosedRange<Int>?
        /// Moods no longer turned away, not asked for either ("superheroes are fine").
        public var allowedWishes: Set<String> = []
        /// Moods no longer wished for ("forget dark"), or all of them ("the mood doesn't matter").
        public var wishes: Set<String> = []
        public var allWishes = false

        public init() {}

        public var isEmpty: Bool { self == Lift() }
    }

    public var mentions: [Mentioned] = []
    public var reactions: [Reaction] = []
    public var includeGenres: Set<String> = []
    /// When the turn asked for genres together ("a funny horror film", "something spooky and
    /// romantic"): the groups, each "at least one of" ("a comedy or a drama" is one group),
    /// whose union is `includeGenres`; empty when it asked for one group.
    public var genreGroups: [Set<String>] = []
    /// Genre words not for the child the turn names ("spooky" for a 10-year-old): read as a
    /// mood among children's films, never as films of that genre.
    public var notForChildren: [String] = []
    public var excludeGenres: Set<String> = []
    public var minYear: Int?
    public var maxYear: Int?
    /// Years turned away in the middle of time ("anything but the 1980s", "not from the
    /// eighties"): films from them are left out, films before and after them kept.
    public var excludedYears: [ClosedRange<Int>] = []
    public var wishes: [String] = []
    /// Moods and themes turned away ("nothing violent", "no aliens", "too dark for me"):
    /// films with that tag (or those words in their description) are left out.
    public var avoidedWishes: [String] = []
    /// Words turned away that name nothing this catalog can tell ("nothing with zombies" with
    /// no such tag): the reply says they cannot be left out.
    public var unreadExclusions: [String] = []
    /// Moods asked for that this catalog cannot meet: it has no such tag and no item text
    /// ("something darker" on MovieLens 100K). The reply says so rather than drop them.
    public var unmatchedWishes: [String] = []
    /// The turn asks about who is in or behind films (actors, directors), which this catalog
    /// does not know: the reply says so plainly.
    public var asksAboutPeople = false
    /// Studios the turn names ("not disney please", "something from pixar") that no tag here
    /// marks: no catalog here knows who made a film, so the reply says so and applies nothing.
    public var studios: [String] = []
    /// The turn speaks of a film's language ("no subtitles", "nothing foreign", "a french film"),
    /// which no catalog here tells: the reply says so, and nothing is left out or picked for it.
    public var asksLanguage = false
    /// Names after "with", "starring", "by" ("with Stallone"), wished for in a catalog with
    /// descriptions: no catalog here lists cast, so a name no description has is said so.
    public var names: [String] = []
    /// Single words after "with", "starring" ("with stallone", "with dogs") a catalog with no
    /// descriptions cannot look for: a person or a thing, said either way.
    public var unsearchable: [String] = []
    /// How many films the turn asks to see ("just three", "give me 3 options"): the next list has that many.
    public var listSize: Int?
    /// A year or position that answers a pending "which one did you mean?".
    public var choice: Int?
    /// The whole last list passed over ("none of those", "something else"): the next list
    /// is new, without a dislike of anything in it.
    public var passedOver = false
    /// The turn asks to move away from what steered the list ("something else entirely",
    /// "completely different", "a change of pace"): its list is ranked without the pull of the
    /// films the list was built on, keeping what is left out (films turned away, seen, shown)
    /// and the constraints. The whole last list is passed over too.
    public var changesCourse = false
    /// The turn asks about one film named ("what year is casablanca?", "is titanic any good?"):
    /// answered from the catalog, with no like marked and no list.
    public var filmQuestion: FilmQuestions.Asked?
    /// The turn asks why the film at this position of the last list is there ("why did you
    /// suggest that?", "why number 2?"): answered as `/why` is.
    public var asksWhy: Int?
    /// The turn points at a listed film without saying its place ("why that one?", "not that
    /// one", a bare "why?"): it means the film the user picked the turn before, if any (a pick
    /// makes that film the referent of "that one"), else the first of the last list.
    public var placeUnsaid = false
    /// The unplaced film is only the one picked the turn before ("i didn't like it"): with no
    /// pick, the turn passes over the list instead of turning its first film away.
    public var onlyPicked = false
    /// Names typed of films the catalog does not have ("die hard with a vengeance" where only
    /// Die Hard is): the reply says so rather than link another film.
    public var missingTitles: [TitleMatcher.Missing] = []
    /// Genres asked for less of ("like Vertigo but less romantic"): no list can hold less of a
    /// genre, only leave it out, so nothing is done and the reply says how to leave it out.
    public var lessOf: [String] = []
    /// The turn asks about running times ("not too long", "under two hours"), which no
    /// catalog here has: the reply says so.
    public var asksRunningTime = false
    /// What the turn lets go of.
    public var lift = Lift()
    /// "black and white" or "colour", when the turn asked for either (or turned it away): no
    /// catalog here marks it, so the years stand in, and the reply says so.
    public var colourByYears: String?
    /// The year bound a comparative set alone ("newer", "older"), with no year said: beside a
    /// film named it is relative to that film ("like The Usual Suspects but newer": after
    /// 1995), not the catalog's era.
    var comparativeBound: ComparativeBound?
    enum ComparativeBound: Sendable, Equatable { case newer(Int), older(Int) }
    /// The films of a series the turn asks to be shown ("give me all the Godfather films",
    /// "list every Star Wars movie you have"), oldest first: listed as they are, neither liked,
    /// seen nor steered toward.
    public var seriesShown: [Int32] = []
    /// The turn only thanks or takes leave ("thanks, that's all", "ok bye"): it is answered
    /// in kind, and the last list stays as it was.
    public var closes = false
    /// The turn asks for films like the ones it names ("my kid loves toy story, anything like
    /// that?"): another person's film then steers, as when choosing for them, rather than being
    /// context only (a trial's list had Toy Story itself first).
    public var asksLikeThem = false
    /// The turn asks which of the films just shown has a genre or mood ("which of these is the
    /// funniest?", "which one is the scariest?"): answered from the list, with no constraint
    /// kept (a stranger's question had set a Comedy filter that stayed).
    public var asksWhichShown = false
    /// The place in the last list of the film the turn chooses to watch ("we'll go with the
    /// second one, thanks", "let's watch number 2"): a choice, no like (a stranger's family
    /// choice had been noted a like and answered with a new list).
    public var choosesToWatch: Int?
    /// The turn says every film of the last list was seen ("i've seen all of those"): each is
    /// marked seen, as "seen the first two" marks two (a trial's had passed without a word).
    public var seesAllShown = false
    /// The phrases read as filters: genres and moods turned away, from their negation to the
    /// genre or mood ("no horror", "not anything with zombies or horror", "nothing violent"),
    /// years ("nothing before 1990", "from the 90s"), and lifts ("comedy is ok"). Left out of
    /// the words a list is searched by: embeddings do not negate ("nothing scary" lies close to
    /// horror), know no calendar ("nothing before 1990" brought up Much Ado About Nothing), and
    /// read "comedy is ok" as a wish for comedies.
    public var filterPhrases: [String] = []

    public init() {}

    /// True when nothing in the text was understood.
    public var isEmpty: Bool {
        mentions.isEmpty && reactions.isEmpty && includeGenres.isEmpty && excludeGenres.isEmpty && minYear == nil
            && maxYear == nil && excludedYears.isEmpty && wishes.isEmpty && avoidedWishes.isEmpty && unreadExclusions.isEmpty && unsearchable.isEmpty && unmatchedWishes.isEmpty && choice == nil && listSize == nil && !passedOver && !asksAboutPeople
            && studios.isEmpty && !asksLanguage && !changesCourse
            && lift.isEmpty && asksWhy == nil && seriesShown.isEmpty && missingTitles.isEmpty && !asksRunningTime && lessOf.isEmpty && !closes
            && !seesAllShown && filmQuestion == nil
    }
}
