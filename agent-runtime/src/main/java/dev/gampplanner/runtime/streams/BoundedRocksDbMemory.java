package dev.gampplanner.runtime.streams;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the off-heap memory of every RocksDB store in the process at one shared budget (block
 * cache and memtables together), instead of RocksDB's per-store defaults, which multiply with the
 * number of stores and partitions. The planner's stores hold open plans and small markers, so a
 * small budget serves them.
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {

    private static final long TOTAL_OFF_HEAP_BYTES = 16L * 1024 * 1024;
    private static final long TOTAL_MEMTABLE_BYTES = 4L * 1024 * 1024;

    // Shared by every store of the process, as the budget is.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, 0.1);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
        options.setMaxWriteBufferNumber(2);
        options.setWriteBufferSize(1024L * 1024);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by the process and outlive any one store.
    }
}
