package com.gdxfetch.input.internal;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.IntArray;
import com.badlogic.gdx.utils.IntMap;

/**
 * From a packed input code to the ids of the actions bound to it, highest context priority
 * first. Rebuilt only when bindings change; lookups allocate nothing.
 */
public final class RoutingTable {
    private final IntMap<int[]> byCode = new IntMap<>();

    /** The action ids bound to this input in priority order, or null if none; do not modify. */
    public int[] actionsFor(int code) {
        return byCode.get(code);
    }

    /** Rebuilds from every action's current bindings; {@code priorities} is indexed by context. */
    public void rebuild(Array<ActionDef> actions, int[] priorities) {
        IntMap<IntArray> lists = new IntMap<>();
        for (int i = 0; i < actions.size; i++) {
            ActionDef def = actions.get(i);
            for (int b = 0; b < def.current.size; b++) {
                int code = InputCodes.of(def.current.get(b));
                IntArray list = lists.get(code);
                if (list == null) {
                    list = new IntArray();
                    lists.put(code, list);
                }
                if (!list.contains(def.id)) {
                    list.add(def.id);
                }
            }
        }
        byCode.clear();
        for (IntMap.Entry<IntArray> entry : lists) {
            int[] ids = entry.value.toArray();
            sortByPriority(ids, actions, priorities);
            byCode.put(entry.key, ids);
        }
    }

    /** Insertion sort keeps definition order among equal priorities; the lists are short. */
    private static void sortByPriority(int[] ids, Array<ActionDef> actions, int[] priorities) {
        for (int i = 1; i < ids.length; i++) {
            int id = ids[i];
            int priority = priorities[actions.get(id).context];
            int j = i - 1;
            while (j >= 0 && priorities[actions.get(ids[j]).context] < priority) {
                ids[j + 1] = ids[j];
                j--;
            }
            ids[j + 1] = id;
        }
    }
}
