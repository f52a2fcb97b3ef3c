/*
 * A fake libnvidia-ml.so.1 for joulebit's tests: the entry points joulebit maps, with the signatures of NVIDIA's
 * nvml.h (written here from the header's documented types, not copied), answering from a control file.
 *
 * The control file is "nvml-control" in the directory this library was loaded from (found with dladdr), so each
 * test copies the .so into its own temp dir and writes its own file. It is read again on every call, so a test
 * changes what the "driver" says by rewriting it. Lines:
 *   driver 550.54.15                          nvmlSystemGetDriverVersion
 *   count 8                                   nvmlDeviceGetCount_v2
 *   gpu <i> key=value ...                     uuid name (_ for spaces) power_mw energy_mj limit_mw temp util reasons mig
 *   fail <call> <i|*> <nvmlReturn_t>          that call on that device returns the code (call "init" for nvmlInit_v2)
 *   block <call> <i|*>                        that call waits while the line is in the file (re-read every 5 ms)
 * <call> is the function name without the "nvml" prefix, e.g. DeviceGetPowerUsage.
 * Build with -DNO_TEMPERATURE_V to leave nvmlDeviceGetTemperatureV out, as in drivers older than 530.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef int nvmlReturn_t;            /* enum nvmlReturn_enum */
typedef struct nvmlDevice_st *nvmlDevice_t;
typedef struct { unsigned int gpu; unsigned int memory; } nvmlUtilization_t;
typedef struct { unsigned int version; int sensorType; int temperature; } nvmlTemperature_v1_t;

#define API __attribute__((visibility("default")))
#define MAX_DEV 64
#define NVML_SUCCESS 0
#define NVML_ERROR_UNINITIALIZED 1
#define NVML_ERROR_INVALID_ARGUMENT 2
#define NVML_ERROR_INSUFFICIENT_SIZE 7

struct nvmlDevice_st { int index; };
static struct nvmlDevice_st devices[MAX_DEV];
static int initialised;

static void control_path(char *out, size_t n)
{
    Dl_info info;
    const char *self = dladdr((void *)control_path, &info) && info.dli_fname ? info.dli_fname : "./x";
    const char *slash = strrchr(self, '/');
    size_t dir = slash ? (size_t)(slash - self) : 1;
    snprintf(out, n, "%.*s/nvml-control", (int)dir, slash ? self : ".");
}

/* Copies the control file's text into buf (NUL-terminated); empty when absent. */
static void read_control(char *buf, size_t n)
{
    char path[4096];
    control_path(path, sizeof path);
    buf[0] = 0;
    FILE *f = fopen(path, "r");
    if (!f) return;
    size_t len = fread(buf, 1, n - 1, f);
    buf[len] = 0;
    fclose(f);
}

/* Calls fn(line, arg) for each line; stops when fn returns nonzero and returns that. */
static int each_line(int (*fn)(const char *, void *), void *arg)
{
    static __thread char text[65536];
    read_control(text, sizeof text);
    char *save = NULL;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        int r = fn(line, arg);
        if (r) return r;
    }
    return 0;
}

struct match { const char *call; int index; int code; };

static int index_matches(const char *tok, int index) { return strcmp(tok, "*") == 0 || atoi(tok) == index; }

static int fail_line(const char *line, void *arg)
{
    struct match *m = arg;
    char call[128], idx[16];
    int code;
    if (sscanf(line, "fail %127s %15s %d", call, idx, &code) == 3 && strcmp(call, m->call) == 0
            && index_matches(idx, m->index)) {
        m->code = code;
        return 1;
    }
    return 0;
}

static int block_line(const char *line, void *arg)
{
    struct match *m = arg;
    char call[128], idx[16];
    return sscanf(line, "block %127s %15s", call, idx) == 2 && strcmp(call, m->call) == 0
            && index_matches(idx, m->index);
}

/* What the control file says about this call: waits while blocked, then the scripted error or SUCCESS. */
static nvmlReturn_t scripted(const char *call, int index)
{
    struct match m = { call, index, 0 };
    struct timespec pause = { 0, 5 * 1000 * 1000 };
    while (each_line(block_line, &m)) nanosleep(&pause, NULL);
    each_line(fail_line, &m);
    return m.code;
}

struct lookup { const char *key; int index; char value[256]; int found; };

static int gpu_line(const char *line, void *arg)
{
    struct lookup *l = arg;
    int index, consumed = 0;
    if (sscanf(line, "gpu %d %n", &index, &consumed) < 1 || consumed == 0 || index != l->index) return 0;
    size_t klen = strlen(l->key);
    for (const char *p = line + consumed; *p; ) {
        while (*p == ' ') p++;
        const char *end = strchr(p, ' ');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > klen && strncmp(p, l->key, klen) == 0 && p[klen] == '=') {
            size_t vlen = len - klen - 1;
            if (vlen >= sizeof l->value) vlen = sizeof l->value - 1;
            memcpy(l->value, p + klen + 1, vlen);
            l->value[vlen] = 0;
            for (char *c = l->value; *c; c++) if (*c == '_' && strcmp(l->key, "name") == 0) *c = ' ';
            l->found = 1;
            return 1;
        }
        p += len;
    }
    return 0;
}

/* A device's value for key; NOT_SUPPORTED (3) when the gpu line lacks it. */
static nvmlReturn_t value(int index, const char *key, char *out, size_t n)
{
    struct lookup l = { key, index, "", 0 };
    each_line(gpu_line, &l);
    if (!l.found) return 3;
    snprintf(out, n, "%s", l.value);
    return NVML_SUCCESS;
}

static int count_line(const char *line, void *arg) { return sscanf(line, "count %d", (int *)arg) == 1; }

static int device_count(void)
{
    int n = 0;
    each_line(count_line, &n);
    return n < 0 ? 0 : n > MAX_DEV ? MAX_DEV : n;
}

static int dev_index(nvmlDevice_t d)
{
    if (d < devices || d >= devices + MAX_DEV) return -1;
    return (int)(d - devices);
}

/* Common prologue of a per-device getter: initialised, valid handle, out pointer, scripted failure. */
#define DEVICE_CALL(name, d, out) \
    int idx = dev_index(d); \
    if (!initialised) return NVML_ERROR_UNINITIALIZED; \
    if (idx < 0 || idx >= device_count() || !(out)) return NVML_ERROR_INVALID_ARGUMENT; \
    nvmlReturn_t rc = scripted(name, idx); \
    if (rc != NVML_SUCCESS) return rc

static nvmlReturn_t ull_value(int idx, const char *key, unsigned long long *out)
{
    char v[256];
    nvmlReturn_t rc = value(idx, key, v, sizeof v);
    if (rc == NVML_SUCCESS) *out = strtoull(v, NULL, 0);
    return rc;
}

static nvmlReturn_t uint_value(int idx, const char *key, unsigned int *out)
{
    unsigned long long v = 0;
    nvmlReturn_t rc = ull_value(idx, key, &v);
    if (rc == NVML_SUCCESS) *out = (unsigned int)v;
    return rc;
}

API nvmlReturn_t nvmlInit_v2(void)
{
    nvmlReturn_t rc = scripted("Init_v2", 0);
    if (rc == NVML_SUCCESS) initialised = 1;
    return rc;
}

API nvmlReturn_t nvmlShutdown(void)
{
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    initialised = 0;
    return NVML_SUCCESS;
}

static int driver_line(const char *line, void *arg) { return sscanf(line, "driver %255s", (char *)arg) == 1; }

API nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length)
{
    char v[256] = "";
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!version) return NVML_ERROR_INVALID_ARGUMENT;
    nvmlReturn_t rc = scripted("SystemGetDriverVersion", 0);
    if (rc != NVML_SUCCESS) return rc;
    if (!each_line(driver_line, v)) return 3;
    if (strlen(v) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    strcpy(version, v);
    return NVML_SUCCESS;
}

API nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *deviceCount)
{
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!deviceCount) return NVML_ERROR_INVALID_ARGUMENT;
    nvmlReturn_t rc = scripted("DeviceGetCount_v2", 0);
    if (rc == NVML_SUCCESS) *deviceCount = (unsigned int)device_count();
    return rc;
}

API nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)
{
    if (!initialised) return NVML_ERROR_UNINITIALIZED;
    if (!device || (int)index >= device_count()) return NVML_ERROR_INVALID_ARGUMENT;
    nvmlReturn_t rc = scripted("DeviceGetHandleByIndex_v2", (int)index);
    if (rc != NVML_SUCCESS) return rc;
    devices[index].index = (int)index;
    *device = &devices[index];
    return NVML_SUCCESS;
}

static nvmlReturn_t string_value(int idx, const char *key, char *out, unsigned int length)
{
    char v[256];
    nvmlReturn_t rc = value(idx, key, v, sizeof v);
    if (rc != NVML_SUCCESS) return rc;
    if (strlen(v) + 1 > length) return NVML_ERROR_INSUFFICIENT_SIZE;
    strcpy(out, v);
    return NVML_SUCCESS;
}

API nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)
{
    DEVICE_CALL("DeviceGetUUID", device, uuid);
    return string_value(idx, "uuid", uuid, length);
}

API nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)
{
    DEVICE_CALL("DeviceGetName", device, name);
    return string_value(idx, "name", name, length);
}

API nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long *energy)
{
    DEVICE_CALL("DeviceGetTotalEnergyConsumption", device, energy);
    return ull_value(idx, "energy_mj", energy);
}

API nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power)
{
    DEVICE_CALL("DeviceGetPowerUsage", device, power);
    return uint_value(idx, "power_mw", power);
}

API nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit)
{
    DEVICE_CALL("DeviceGetEnforcedPowerLimit", device, limit);
    return uint_value(idx, "limit_mw", limit);
}

API nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, int sensorType, unsigned int *temp)
{
    DEVICE_CALL("DeviceGetTemperature", device, temp);
    if (sensorType != 0) return NVML_ERROR_INVALID_ARGUMENT; /* NVML_TEMPERATURE_GPU only */
    return uint_value(idx, "temp", temp);
}

#ifndef NO_TEMPERATURE_V
API nvmlReturn_t nvmlDeviceGetTemperatureV(nvmlDevice_t device, nvmlTemperature_v1_t *temperature)
{
    DEVICE_CALL("DeviceGetTemperatureV", device, temperature);
    /* nvmlTemperature_v1 = NVML_STRUCT_VERSION(Temperature, 1): the struct size | 1 << 24 */
    if (temperature->version != (unsigned int)(sizeof(nvmlTemperature_v1_t) | (1u << 24))) return 25;
    if (temperature->sensorType != 0) return NVML_ERROR_INVALID_ARGUMENT;
    unsigned int t = 0;
    rc = uint_value(idx, "temp", &t);
    if (rc == NVML_SUCCESS) temperature->temperature = (int)t;
    return rc;
}
#endif

API nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    DEVICE_CALL("DeviceGetUtilizationRates", device, utilization);
    rc = uint_value(idx, "util", &utilization->gpu);
    utilization->memory = utilization->gpu / 2;
    return rc;
}

API nvmlReturn_t nvmlDeviceGetCurrentClocksEventReasons(nvmlDevice_t device, unsigned long long *clocksEventReasons)
{
    DEVICE_CALL("DeviceGetCurrentClocksEventReasons", device, clocksEventReasons);
    return ull_value(idx, "reasons", clocksEventReasons);
}

API nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *currentMode, unsigned int *pendingMode)
{
    DEVICE_CALL("DeviceGetMigMode", device, currentMode);
    if (!pendingMode) return NVML_ERROR_INVALID_ARGUMENT;
    rc = uint_value(idx, "mig", currentMode);
    if (rc == NVML_SUCCESS) *pendingMode = *currentMode;
    return rc;
}
