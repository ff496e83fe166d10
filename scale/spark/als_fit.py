#!/usr/bin/env python3
"""Fits Spark MLlib's implicit-feedback ALS on a Curator export and writes the factors in the
interchange format `curator import spark-als` reads (no Parquet needed on Curator's side).

Locally (pyspark from PyPI, no Spark install):
    python scale/spark/als_fit.py --master 'local[2]' --export /tmp/ml-export --out /tmp/ml-als
On a cluster (only the master and the paths change; the driver writes --out on its own disk):
    spark-submit --master yarn --deploy-mode client scale/spark/als_fit.py \
        --export hdfs:///data/ml-export --out /tmp/ml-als --model-path hdfs:///models/ml-als

Writes into --out, each file whole or not at all, model.json last:
    user_factors.bin, item_factors.bin   magic CURATORF, version, rank, count, Int32 ids, then
                                         a row-major little-endian float32 matrix
    recommendations.tsv                  recommendForAllUsers(K): user, rank, item, score
    model.json                           hyper-parameters, Spark's version, the export's manifest
and Spark's own model directory (ALSModel.save) as the archive copy (--model-path, default
--out/spark-model).
"""
import argparse
import json
import os
import struct
import sys
import time

import numpy as np

MAGIC = b"CURATORF"
FORMAT_VERSION = 1


def parse_arguments(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--export", required=True, help="the folder `curator data export --format spark` wrote (any path Spark reads)")
    p.add_argument("--out", required=True, help="local folder for the factors, recommendations and model.json")
    p.add_argument("--model-path", help="where Spark's own model directory goes (default: OUT/spark-model)")
    p.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's --master)")
    p.add_argument("--rank", type=int, default=32)
    p.add_argument("--max-iter", type=int, default=10)
    p.add_argument("--reg-param", type=float, default=0.1)
    p.add_argument("--alpha", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--blocks", type=int, default=10, help="numUserBlocks = numItemBlocks (Spark's default 10)")
    p.add_argument("--recommend", type=int, default=10, help="write recommendForAllUsers(K) for the fidelity check; 0 skips it")
    p.add_argument("--shuffle-partitions", type=int,
                   help="spark.sql.shuffle.partitions (default: --blocks on a local master, Spark's own otherwise)")
    p.add_argument("--checkpoint-dir", help="checkpoint every 10 iterations here (long runs on a cluster)")
    p.add_argument("--ui", action="store_true", help="keep Spark's web UI on (off by default)")
    return p.parse_args(argv)


def log(message):
    print(f"als_fit: {message}", file=sys.stderr, flush=True)


def write_atomically(path, write):
    temporary = os.path.join(os.path.dirname(path), f".{os.path.basename(path)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as f:
            write(f)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def write_factors(frame, rank, path):
    """Streams a factor DataFrame (id, features) to the driver and writes the interchange file."""
    count = frame.count()
    ids = np.empty(count, dtype="<i4")
    matrix = np.empty((count, rank), dtype="<f4")
    row = 0
    for record in frame.toLocalIterator():
        ids[row] = record["id"]
        matrix[row] = record["features"]
        row += 1
    if row != count:
        raise RuntimeError(f"{path}: {row} rows streamed where count() said {count}")
    order = np.argsort(ids, kind="stable")

    def write(f):
        f.write(struct.pack("<8sIIQ", MAGIC, FORMAT_VERSION, rank, count))
        f.write(ids[order].tobytes())
        f.write(matrix[order].tobytes())
    write_atomically(path, write)
    return count


def write_recommendations(model, k, path):
    frame = model.recommendForAllUsers(k)

    def write(f):
        for record in frame.toLocalIterator():
            user = record["user"]
            lines = [f"{user}\t{rank}\t{r['item']}\t{r['rating']!r}\n" for rank, r in enumerate(record["recommendations"], start=1)]
            f.write("".join(lines).encode())
    write_atomically(path, write)


def jvm_peak_rss_mb(spark):
    """The local JVM's peak resident memory (Linux VmHWM), or None where it cannot be read:
    the JVM is pyspark's child but not waited for, so a parent's rusage does not include it."""
    try:
        pid = spark.sparkContext._gateway.proc.pid
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (AttributeError, OSError, ValueError):
        return None
    return None


def main(argv):
    args = parse_arguments(argv)
    from pyspark.ml.recommendation import ALS
    from pyspark.sql import SparkSession
    from pyspark.sql.types import FloatType, IntegerType, StructField, StructType

    builder = SparkSession.builder.appName("curator-als")
    if args.master:
        builder = builder.master(args.master)
        if args.master.startswith("local"):
            # A local run listens on the loopback only.
            builder = builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
            # Spark's 200 shuffle partitions cost a task each, and each is a driver job when streamed back.
            if args.shuffle_partitions is None:
                args.shuffle_partitions = args.blocks
    if args.shuffle_partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    if not args.ui:
        builder = builder.config("spark.ui.enabled", "false")
    started = time.time()
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    if args.checkpoint_dir:
        spark.sparkContext.setCheckpointDir(args.checkpoint_dir)
    log(f"Spark {spark.version} on {spark.sparkContext.master}")

    # export.json through Spark, so the export may live on any filesystem Spark reads.
    manifest_text = spark.read.text(args.export.rstrip("/") + "/export.json", wholetext=True).first()[0]
    manifest = json.loads(manifest_text)
    if manifest.get("format") != "curator-spark-export":
        raise SystemExit(f"{args.export}: not a Curator export (format {manifest.get('format')!r})")
    schema = StructType([StructField("user", IntegerType(), False), StructField("item", IntegerType(), False),
                         StructField("rating", FloatType(), False)])
    ratings = spark.read.csv(args.export.rstrip("/") + "/" + manifest["interactionsFile"], header=True, schema=schema)

    als = ALS(rank=args.rank, maxIter=args.max_iter, regParam=args.reg_param, alpha=args.alpha, implicitPrefs=True,
              seed=args.seed, userCol="user", itemCol="item", ratingCol="rating",
              numUserBlocks=args.blocks, numItemBlocks=args.blocks, nonnegative=False)
    fit_started = time.time()
    model = als.fit(ratings)  # ALS.fit trains eagerly: the factors are computed here
    fit_seconds = time.time() - fit_started
    log(f"fitted rank {args.rank}, {args.max_iter} iterations in {fit_seconds:.1f} s")

    os.makedirs(args.out, exist_ok=True)
    users = write_factors(model.userFactors, args.rank, os.path.join(args.out, "user_factors.bin"))
    items = write_factors(model.itemFactors, args.rank, os.path.join(args.out, "item_factors.bin"))
    log(f"wrote {users} user and {items} item factors ({time.time() - fit_started - fit_seconds:.1f} s)")
    recommendations = None
    if args.recommend > 0:
        recommendations = "recommendations.tsv"
        step = time.time()
        write_recommendations(model, args.recommend, os.path.join(args.out, recommendations))
        log(f"wrote recommendForAllUsers({args.recommend}) ({time.time() - step:.1f} s)")
    model_path = args.model_path or os.path.join(os.path.abspath(args.out), "spark-model")
    step = time.time()
    model.write().overwrite().save(model_path)
    log(f"saved Spark's model to {model_path} ({time.time() - step:.1f} s)")

    metadata = {
        "format": "curator-spark-als", "version": 1,
        "rank": args.rank, "maxIter": args.max_iter, "regParam": args.reg_param, "alpha": args.alpha,
        "seed": args.seed, "implicitPrefs": True, "blocks": args.blocks,
        "sparkVersion": spark.version, "master": spark.sparkContext.master,
        "export": manifest, "exportPath": args.export,
        "userFactorsFile": "user_factors.bin", "itemFactorsFile": "item_factors.bin",
        "recommendationsFile": recommendations, "sparkModelDirectory": model_path,
        "fitSeconds": fit_seconds, "totalSeconds": time.time() - started,
        "driverJvmPeakRssMB": jvm_peak_rss_mb(spark),
    }
    write_atomically(os.path.join(args.out, "model.json"),
                     lambda f: f.write((json.dumps(metadata, indent=2, sort_keys=True) + "\n").encode()))
    log(f"wrote {args.out}/model.json ({time.time() - started:.1f} s in all)")
    spark.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
