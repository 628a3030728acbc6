package com.gdxfetch.net.internal;

import com.badlogic.gdx.utils.Array;
import com.badlogic.gdx.utils.ArrayMap;
import com.badlogic.gdx.utils.IntMap;
import com.badlogic.gdx.utils.IntSet;
import com.badlogic.gdx.utils.Json;
import com.badlogic.gdx.utils.LongMap;
import com.badlogic.gdx.utils.ObjectFloatMap;
import com.badlogic.gdx.utils.ObjectIntMap;
import com.badlogic.gdx.utils.ObjectMap;
import com.badlogic.gdx.utils.ObjectSet;
import com.badlogic.gdx.utils.Queue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How {@link JsonBinder} fills objects of one class: its no-argument constructor and its fields by
 * JSON name, found as libGDX {@code Json} finds them (declared fields of the class and its
 * superclasses, not static, transient or synthetic, a subclass's field hiding its superclass's,
 * a space in a JSON name read as an underscore). Built once per class and shared by all threads.
 */
final class JsonClass {
    /**
     * Plans are kept for at most this many classes; past it, a class's plan is built for each
     * document. A game reads a handful of classes, so the cap only stops a program that makes
     * classes without end from growing the map without end.
     */
    private static final int MAX_PLANS = 1024;
    /**
     * Plans by class. Unlike a per-class value of the JDK (not on Android before API 34), the map holds its classes
     * strongly, and so their class loaders: a class loader dropped while its classes are cached
     * here (a hot-reloading tool's, say) stays in memory. Classes a game decodes live as long as
     * the game, so that costs nothing there.
     */
    private static final ConcurrentHashMap<Class<?>, JsonClass> PLANS = new ConcurrentHashMap<>();
    private static final byte[] TYPE_KEY = "class".getBytes(StandardCharsets.US_ASCII);
    /** Types libGDX reads some other way than field by field; the binder leaves them to it. */
    private static final Class<?>[] NOT_FIELD_BY_FIELD = {Json.Serializable.class, ObjectMap.class,
        ObjectIntMap.class, ObjectFloatMap.class, ObjectSet.class, IntMap.class, LongMap.class, IntSet.class,
        ArrayMap.class, Map.class, Collection.class, Array.class, Queue.class, CharSequence.class, Number.class,
        Boolean.class, Character.class};

    /** Null when libGDX would not read the class field by field, or cannot construct it. */
    private final Constructor<?> constructor;
    /** Open addressing on the name's hash. */
    private final FieldPlan[] table;

    private JsonClass(Class<?> type) {
        constructor = fieldByField(type) ? noArgumentConstructor(type) : null;
        List<FieldPlan> fields = constructor != null ? fields(type) : new ArrayList<>();
        table = new FieldPlan[Integer.highestOneBit(Math.max(1, fields.size()) * 2) * 2];
        for (FieldPlan field : fields) {
            int slot = field.hash & (table.length - 1);
            while (table[slot] != null) {
                slot = (slot + 1) & (table.length - 1);
            }
            table[slot] = field;
        }
    }

    static JsonClass of(Class<?> type) {
        JsonClass plan = PLANS.get(type);
        if (plan != null) {
            return plan;
        }
        plan = new JsonClass(type);
        if (PLANS.size() >= MAX_PLANS) {
            return plan;
        }
        // Two threads may build the same plan at once; both are equal, one is kept.
        JsonClass kept = PLANS.putIfAbsent(type, plan);
        return kept != null ? kept : plan;
    }

    /** Whether the name in {@code data[start, end)} is libGDX's type key. */
    static boolean isTypeKey(byte[] data, int start, int end) {
        if (end - start != TYPE_KEY.length) {
            return false;
        }
        for (int i = 0; i < TYPE_KEY.length; i++) {
            if (data[start + i] != TYPE_KEY[i]) {
                return false;
            }
        }
        return true;
    }

    Object newInstance() {
        if (constructor == null) {
            throw JsonBinder.GiveUp.INSTANCE;
        }
        try {
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            // libGDX reports a failing constructor in its own words.
            throw JsonBinder.GiveUp.INSTANCE;
        }
    }

    /** The field the JSON name in {@code data[start, end)} sets, or null. */
    FieldPlan find(byte[] data, int start, int end) {
        int slot = hash(data, start, end) & (table.length - 1);
        for (FieldPlan field = table[slot]; field != null; field = table[slot]) {
            if (field.named(data, start, end)) {
                return field;
            }
            slot = (slot + 1) & (table.length - 1);
        }
        return null;
    }

    private static boolean fieldByField(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || type.isEnum() || type == Object.class
                || Modifier.isAbstract(type.getModifiers())) {
            return false;
        }
        for (Class<?> other : NOT_FIELD_BY_FIELD) {
            if (other.isAssignableFrom(type)) {
                return false;
            }
        }
        return true;
    }

    private static Constructor<?> noArgumentConstructor(Class<?> type) {
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }

    private static List<FieldPlan> fields(Class<?> type) {
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            hierarchy.add(c);
        }
        Map<String, FieldPlan> byName = new LinkedHashMap<>();
        for (int i = hierarchy.size() - 1; i >= 0; i--) {
            for (Field field : hierarchy.get(i).getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isTransient(modifiers) || Modifier.isStatic(modifiers) || field.isSynthetic()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                } catch (RuntimeException e) {
                    // libGDX skips a field it cannot open.
                    continue;
                }
                byName.put(field.getName(), new FieldPlan(field));
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** The element type libGDX gives a field: its first type argument, the second for a map. */
    private static Class<?> elementType(Field field) {
        Class<?> type = field.getType();
        int index = ObjectMap.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) ? 1 : 0;
        Type generic = field.getGenericType();
        if (!(generic instanceof ParameterizedType)) {
            return null;
        }
        Type[] arguments = ((ParameterizedType) generic).getActualTypeArguments();
        if (arguments.length <= index) {
            return null;
        }
        Type argument = arguments[index];
        if (argument instanceof Class) {
            return (Class<?>) argument;
        }
        if (argument instanceof ParameterizedType) {
            return (Class<?>) ((ParameterizedType) argument).getRawType();
        }
        if (argument instanceof GenericArrayType) {
            Type component = ((GenericArrayType) argument).getGenericComponentType();
            if (component instanceof Class) {
                return java.lang.reflect.Array.newInstance((Class<?>) component, 0).getClass();
            }
        }
        return null;
    }

    /** libGDX looks a JSON name up with its spaces made underscores. */
    private static int hash(byte[] data, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + (data[i] == ' ' ? '_' : data[i]);
        }
        return hash ^ (hash >>> 16);
    }

    /** One field: its name's bytes and how a value is put into it. */
    static final class FieldPlan {
        private final byte[] name;
        private final int hash;
        private final Field field;
        private final Class<?> type;
        private final Class<?> elementType;

        FieldPlan(Field field) {
            this.field = field;
            this.name = field.getName().getBytes(StandardCharsets.UTF_8);
            this.hash = hash(name, 0, name.length);
            this.type = field.getType();
            this.elementType = elementType(field);
        }

        boolean named(byte[] data, int start, int end) {
            if (end - start != name.length) {
                return false;
            }
            for (int i = 0; i < name.length; i++) {
                byte b = data[start + i];
                if ((b == ' ' ? '_' : b) != name[i]) {
                    return false;
                }
            }
            return true;
        }

        /** Reads the next value into this field of {@code target}; numbers into primitives without boxing. */
        void read(JsonBinder binder, Object target) {
            try {
                if (type.isPrimitive() && binder.atNumber()) {
                    if (type == int.class) {
                        field.setInt(target, binder.readNumber().asInt());
                        return;
                    }
                    if (type == float.class) {
                        field.setFloat(target, binder.readNumber().asFloat());
                        return;
                    }
                    if (type == long.class) {
                        field.setLong(target, binder.readNumber().asLong());
                        return;
                    }
                    if (type == double.class) {
                        field.setDouble(target, binder.readNumber().asDouble());
                        return;
                    }
                }
                field.set(target, binder.value(type, elementType));
            } catch (IllegalAccessException | IllegalArgumentException e) {
                // A final field of a record, say: libGDX reports it in its own words.
                throw JsonBinder.GiveUp.INSTANCE;
            }
        }
    }
}
