package io.eventsaas.gateway.views;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eventsaas.contracts.Buckets;
import io.eventsaas.contracts.views.ActivityEntry;
import io.eventsaas.contracts.views.ActivityFeedChunk;
import io.eventsaas.contracts.views.ActivityFeedHead;
import io.eventsaas.contracts.views.OrganizationOverviewView;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an organisation's views from the views bucket when a page asks: the activity feed (a head and chunks of
 * entries, oldest first, turned here into pages newest first) and the overview. Whether the caller may see them is
 * decided before, by user-service.
 */
public final class OrganizationViews {

    public static final int PAGE_SIZE = 50;

    private volatile KeyValue bucket;

    public void open(KeyValue bucket) {
        this.bucket = bucket;
    }

    /** Page {@code page} (0 = newest) of the feed; an empty page when there is no feed (yet). */
    public ActivityPage activity(String organizationId, int page) {
        ActivityFeedHead head = read(Buckets.activity(organizationId), ActivityFeedHead::parseFrom).orElse(null);
        if (head == null || head.getTotal() == 0) {
            return new ActivityPage(organizationId, page, PAGE_SIZE, 0, List.of());
        }
        long total = head.getTotal();
        int chunkSize = Math.max(1, head.getChunkSize());
        long to = total - (long) page * PAGE_SIZE;          // exclusive, in feed order (oldest = 0)
        long from = Math.max(0, to - PAGE_SIZE);
        List<ActivityPage.Item> items = new ArrayList<>();
        if (to > 0) {
            List<ActivityEntry> entries = new ArrayList<>();
            for (long chunk = from / chunkSize; chunk <= (to - 1) / chunkSize; chunk++) {
                long first = chunk * chunkSize;
                List<ActivityEntry> chunkEntries = read(Buckets.activityChunk(organizationId, chunk),
                        ActivityFeedChunk::parseFrom).map(ActivityFeedChunk::getEntriesList).orElse(List.of());
                for (int i = 0; i < chunkEntries.size(); i++) {
                    long index = first + i;
                    if (index >= from && index < to) {
                        entries.add(chunkEntries.get(i));
                    }
                }
            }
            for (int i = entries.size() - 1; i >= 0; i--) {
                ActivityEntry entry = entries.get(i);
                items.add(new ActivityPage.Item(Instant.ofEpochSecond(entry.getOccurredAt().getSeconds(),
                        entry.getOccurredAt().getNanos()), entry.getEventType(), entry.getLine()));
            }
        }
        return new ActivityPage(organizationId, page, PAGE_SIZE, total, items);
    }

    public Optional<OrganizationOverview> overview(String organizationId) {
        return read(Buckets.orgOverview(organizationId), OrganizationOverviewView::parseFrom).map(v ->
                new OrganizationOverview(v.getOrganizationId(), v.getName(), v.getPersonal(), v.getClosed(),
                        v.getMembers(), v.getOpenInvitations(), v.getActiveApiKeys(), v.getPlanCode(),
                        v.getSubscriptionStatus(), v.getMonthlyMinorUnits(), v.getCurrency(), v.getInvoicesPaid(),
                        v.getInvoicesFailed(), v.hasLastActivityAt() ? Instant.ofEpochSecond(
                        v.getLastActivityAt().getSeconds(), v.getLastActivityAt().getNanos()) : null));
    }

    private <T> Optional<T> read(String key, Parser<T> parser) {
        KeyValue kv = bucket;
        if (kv == null) {
            throw new IllegalStateException("the views bucket is not open yet");
        }
        try {
            KeyValueEntry entry = kv.get(key);
            if (entry == null || entry.getValue() == null) {
                return Optional.empty();
            }
            return Optional.of(parser.parse(entry.getValue()));
        } catch (InvalidProtocolBufferException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read view " + key + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }
}
