package io.eventsaas.projections;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.projections.views.ViewBucket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Publishing many views at once (pipelined compare-and-sets from a snapshot) keeps every rule of publishing one
 * view: nothing over a newer version or a later sequence, nothing when unchanged, and a key that moved on after the
 * snapshot is looked at again rather than overwritten or lost.
 */
@DisplayName("views published many at once")
class ViewBucketIT {

    private EventStreamFixture stream;
    private ViewBucket bucket;

    @BeforeEach
    void setUp() throws Exception {
        stream = new EventStreamFixture();
        bucket = new ViewBucket(stream.connector());
        bucket.open();
    }

    @AfterEach
    void tearDown() throws Exception {
        stream.close();
    }

    private static ActivityFeedHead head(int version, long asOf, long total) {
        return ActivityFeedHead.newBuilder().setReadModelVersion(version).setAsOfSequence(asOf).setTotal(total)
                .setChunkSize(50).build();
    }

    private ActivityFeedHead stored(String key) throws Exception {
        return ActivityFeedHead.parseFrom(stream.views().get(key).getValue());
    }

    @Test
    @DisplayName("given an empty bucket, more views than the window are all written, and again nothing is written")
    void manyIntoEmptyThenUnchanged() throws Exception {
        Map<String, ActivityFeedHead> views = new LinkedHashMap<>();
        for (int i = 0; i < ViewBucket.WINDOW * 2 + 7; i++) {
            views.put("test.many." + i, head(1, 100 + i, i));
        }

        assertThat(bucket.publishAll(views, bucket.snapshot("test.many.>"))).isEqualTo(views.size());
        for (var view : views.entrySet()) {
            assertThat(stored(view.getKey())).isEqualTo(view.getValue());
        }

        assertThat(bucket.publishAll(views, bucket.snapshot("test.many.>"))).isZero();
    }

    @Test
    @DisplayName("given keys that moved on after the snapshot, each is decided again on what the bucket holds now")
    void staleSnapshot() throws Exception {
        bucket.publish("test.stale.later", head(1, 10, 1));
        bucket.publish("test.stale.deleted", head(1, 10, 1));
        bucket.publish("test.stale.newer-version", head(1, 10, 1));
        bucket.publish("test.stale.mine", head(1, 10, 1));
        Map<String, ViewBucket.Current> snapshot = bucket.snapshot("test.stale.>");

        // After the snapshot: another instance, further along, writes one key; a newer read-model version takes
        // another; one is deleted; one is created that the snapshot has not seen.
        bucket.publish("test.stale.later", head(1, 30, 3));
        bucket.publish("test.stale.newer-version", head(2, 5, 1));
        stream.views().delete("test.stale.deleted");
        bucket.publish("test.stale.created", head(1, 30, 3));

        Map<String, ActivityFeedHead> mine = new LinkedHashMap<>();
        mine.put("test.stale.later", head(1, 20, 2));
        mine.put("test.stale.newer-version", head(1, 20, 2));
        mine.put("test.stale.deleted", head(1, 20, 2));
        mine.put("test.stale.created", head(1, 20, 2));
        mine.put("test.stale.mine", head(1, 20, 2));
        int written = bucket.publishAll(mine, snapshot);

        assertThat(stored("test.stale.later")).isEqualTo(head(1, 30, 3));
        assertThat(stored("test.stale.newer-version")).isEqualTo(head(2, 5, 1));
        assertThat(stored("test.stale.created")).isEqualTo(head(1, 30, 3));
        assertThat(stored("test.stale.deleted")).isEqualTo(head(1, 20, 2));
        assertThat(stored("test.stale.mine")).isEqualTo(head(1, 20, 2));
        assertThat(written).isEqualTo(2);
    }

    @Test
    @DisplayName("without a snapshot, each key is read first and the same rules hold")
    void withoutSnapshot() throws Exception {
        bucket.publish("test.plain.newer", head(1, 50, 5));
        Map<String, ActivityFeedHead> mine = new LinkedHashMap<>();
        mine.put("test.plain.newer", head(1, 20, 2));
        mine.put("test.plain.new", head(1, 20, 2));

        assertThat(bucket.publishAll(mine, null)).isEqualTo(1);
        assertThat(stored("test.plain.newer")).isEqualTo(head(1, 50, 5));
        assertThat(stored("test.plain.new")).isEqualTo(head(1, 20, 2));
    }

    @Test
    @DisplayName("a key this instance wrote last is written again at once, unless someone else wrote it since")
    void afterOwnWrite() throws Exception {
        ViewBucket other = new ViewBucket(stream.connector());
        other.open();
        bucket.publish("test.own.moved-on", head(1, 10, 1));
        bucket.publish("test.own.taken", head(1, 10, 1));
        bucket.publish("test.own.deleted", head(1, 10, 1));
        bucket.publish("test.own.same", head(1, 10, 1));

        other.publish("test.own.taken", head(1, 30, 3));
        stream.views().delete("test.own.deleted");

        assertThat(bucket.publish("test.own.moved-on", head(1, 20, 2))).isEqualTo(ViewBucket.Outcome.PUBLISHED);
        assertThat(bucket.publish("test.own.taken", head(1, 20, 2))).isEqualTo(ViewBucket.Outcome.NEWER_PUBLISHED);
        assertThat(bucket.publish("test.own.deleted", head(1, 20, 2))).isEqualTo(ViewBucket.Outcome.PUBLISHED);
        assertThat(bucket.publish("test.own.same", head(1, 10, 1))).isEqualTo(ViewBucket.Outcome.UNCHANGED);
        assertThat(stored("test.own.moved-on")).isEqualTo(head(1, 20, 2));
        assertThat(stored("test.own.taken")).isEqualTo(head(1, 30, 3));
        assertThat(stored("test.own.deleted")).isEqualTo(head(1, 20, 2));
        assertThat(stored("test.own.same")).isEqualTo(head(1, 10, 1));

        // A newer version written through the same bucket is not overwritten by the older one either.
        bucket.publish("test.own.moved-on", head(2, 5, 1));
        assertThat(bucket.publish("test.own.moved-on", head(1, 40, 4)))
                .isEqualTo(ViewBucket.Outcome.NEWER_PUBLISHED);
        assertThat(stored("test.own.moved-on")).isEqualTo(head(2, 5, 1));
    }
}
