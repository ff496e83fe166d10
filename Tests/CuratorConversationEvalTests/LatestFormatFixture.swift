import CuratorCore
import CuratorTestSupport

/// A small MovieLens "latest" release written in code: `movies.csv` with that release's title
/// habits (inverted articles, subtitles after colons, a.k.a. and original-language titles,
/// sequels, quoted titles with commas), `tags.csv`, and `ratings.csv` from seeded viewers who
/// each favour one genre (high ratings there, low ones elsewhere), in time order.
enum LatestFormatFixture {
    static let movies: [(id: Int, title: String, genres: String)] = [
        (1, "Fugitive, The (1993)", "Thriller"),
        (2, "Rock, The (1996)", "Action|Adventure|Thriller"),
        (3, "Heat (1995)", "Action|Crime|Thriller"),
        (4, "Die Hard (1988)", "Action|Crime|Thriller"),
        (5, "Die Hard 2 (1990)", "Action|Adventure|Thriller"),
        (6, "Die Hard: With a Vengeance (1995)", "Action|Crime|Thriller"),
        (7, "Terminator 2: Judgment Day (1991)", "Action|Sci-Fi"),
        (8, "Terminator, The (1984)", "Action|Sci-Fi|Thriller"),
        (9, "Lord of the Rings: The Fellowship of the Ring, The (2001)", "Adventure|Fantasy"),
        (10, "Lord of the Rings: The Two Towers, The (2002)", "Adventure|Fantasy"),
        (11, "Lord of the Rings: The Return of the King, The (2003)", "Action|Adventure|Drama|Fantasy"),
        (12, "Sunset Blvd. (a.k.a. Sunset Boulevard) (1950)", "Drama|Film-Noir|Romance"),
        (13, "Pan's Labyrinth (Laberinto del fauno, El) (2006)", "Drama|Fantasy|Thriller"),
        (14, "Jungle2Jungle (a.k.a. Jungle 2 Jungle) (1997)", "Children|Comedy"),
        (15, "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)", "Comedy|War"),
        (16, "City of Lost Children, The (Cité des enfants perdus, La) (1995)", "Adventure|Drama|Fantasy|Mystery|Sci-Fi"),
        (17, "Seven (a.k.a. Se7en) (1995)", "Mystery|Thriller"),
        (18, "Godfather, The (1972)", "Crime|Drama"),
        (19, "Godfather: Part II, The (1974)", "Crime|Drama"),
        (20, "Willy Wonka & the Chocolate Factory (1971)", "Children|Comedy|Fantasy|Musical"),
        (21, "Good, the Bad and the Ugly, The (Buono, il brutto, il cattivo, Il) (1966)", "Action|Adventure|Western"),
        (22, "Birdcage, The (1996)", "Comedy"),
        (23, "Mother (1996)", "Comedy"),
        (24, "Full Monty, The (1997)", "Comedy|Drama"),
        (25, "English Patient, The (1996)", "Drama|Romance|War"),
        (26, "Sting, The (1973)", "Comedy|Crime"),
        (27, "Toy Story (1995)", "Adventure|Animation|Children|Comedy|Fantasy"),
        (28, "Toy Story 2 (1999)", "Adventure|Animation|Children|Comedy|Fantasy"),
        (29, "Alien (1979)", "Horror|Sci-Fi"),
        (30, "Aliens (1986)", "Action|Adventure|Horror|Sci-Fi"),
        (31, "Thing, The (1982)", "Action|Horror|Sci-Fi|Thriller"),
        (32, "Shining, The (1980)", "Horror"),
        (33, "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)", "Comedy|Romance"),
        (34, "Casablanca (1942)", "Drama|Romance"),
        (35, "Notting Hill (1999)", "Comedy|Romance"),
        (36, "Leaving Las Vegas (1995)", "Drama|Romance"),
        (37, "Evil Dead II (Dead by Dawn) (1987)", "Action|Comedy|Fantasy|Horror"),
        (38, "Richard III (1995)", "Drama|War"),
        (39, "Star Wars: Episode IV - A New Hope (1977)", "Action|Adventure|Sci-Fi"),
        (40, "Star Wars: Episode V - The Empire Strikes Back (1980)", "Action|Adventure|Sci-Fi"),
    ]

    static let tags: [(movie: Int, tag: String)] = [
        (3, "heist"), (17, "dark"), (17, "twist ending"), (18, "mafia"), (19, "mafia"), (29, "dark"), (31, "paranoia"),
        (32, "dark"), (13, "dark"), (36, "depressing"), (22, "funny"), (24, "funny"), (27, "pixar"), (28, "pixar"),
    ]

    /// Genres viewers favour; each viewer picks one.
    static let tastes = ["Action", "Comedy", "Drama", "Fantasy", "Sci-Fi", "Thriller", "Horror", "Romance"]

    /// The files' text.
    static func files(
        _ catalog: [(id: Int, title: String, genres: String)] = movies, viewers: Int = 120, seed: UInt64 = 7
    ) -> (movies: String, ratings: String, tags: String) {
        var movies = "movieId,title,genres\n"
        for movie in catalog {
            let title = movie.title.contains(",") ? "\"\(movie.title)\"" : movie.title
            movies += "\(movie.id),\(title),\(movie.genres)\n"
        }
        var tags = "userId,movieId,tag,timestamp\n"
        for (index, tag) in Self.tags.enumerated() { tags += "1,\(tag.movie),\(tag.tag),\(1_400_000_000 + index)\n" }
        var rng = SeededGenerator(seed: seed)
        var ratings = "userId,movieId,rating,timestamp\n"
        for viewer in 1...viewers {
            let taste = tastes[Int(rng.next() % UInt64(tastes.count))]
            let count = 10 + Int(rng.next() % 12)
            let favoured = catalog.filter { $0.genres.contains(taste) }.map(\.id)
            var chosen: [Int] = []
            while chosen.count < count {
                let fromTaste = rng.nextUnitFloat() < 0.75
                let pool = fromTaste ? favoured : catalog.map(\.id)
                let movie = pool[Int(rng.next() % UInt64(pool.count))]
                if !chosen.contains(movie) { chosen.append(movie) }
                if chosen.count >= favoured.count + 8 { break }
            }
            for (step, movie) in chosen.enumerated() {
                let liked = catalog.first { $0.id == movie }!.genres.contains(taste)
                let stars = liked ? 4 + Double(rng.next() % 3) * 0.5 : 1 + Double(rng.next() % 5) * 0.5
                ratings += "\(viewer),\(movie),\(stars),\(1_500_000_000 + viewer * 10_000 + step * 60)\n"
            }
        }
        return (movies, ratings, tags)
    }

    /// The fixture written to a temporary folder and loaded as Curator loads any release.
    static func load(
        in directory: TemporaryDirectory, _ catalog: [(id: Int, title: String, genres: String)] = movies, viewers: Int = 120
    ) throws -> Dataset {
        let text = files(catalog, viewers: viewers)
        let folder = directory.folder("ml-latest-fixture")
        _ = directory.write("ml-latest-fixture/movies.csv", text.movies)
        _ = directory.write("ml-latest-fixture/ratings.csv", text.ratings)
        _ = directory.write("ml-latest-fixture/tags.csv", text.tags)
        return try DatasetLoader.load(path: folder).dataset
    }
}
